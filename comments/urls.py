from django.urls import path

from . import feeds, subscription_views, views

app_name = "comments"

urlpatterns = [
    path("comments/post/<int:article_id>/", views.post_comment, name="post"),
    path("comments/form-token/", views.form_token, name="form-token"),
    path("comments/report/<int:comment_id>/", views.report, name="report"),
    path(
        "comments/replies/confirm/<str:token>/",
        subscription_views.confirm,
        name="reply-emails-confirm",
    ),
    path(
        "comments/replies/unsubscribe/<str:token>/",
        subscription_views.unsubscribe,
        name="reply-emails-unsubscribe",
    ),
    path("comments/feed/", feeds.LatestCommentsFeed(), name="feed"),
    path("comments/feed/<int:article_id>/", feeds.ArticleCommentsFeed(), name="article-feed"),
]
