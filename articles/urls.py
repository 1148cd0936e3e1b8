from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sections/<uslug:slug>/", views.CategoryView.as_view(), name="category"),
    path("articles/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("tags/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<int:pk>/", views.AuthorView.as_view(), name="author"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive-year"),
    path("archive/<int:year>/<int:month>/", views.ArchiveView.as_view(), name="archive-month"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<str:token>/", views.PreviewView.as_view(), name="preview"),
]
