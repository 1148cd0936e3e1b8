"""The editor's dashboard on the admin's front page: what waits, what comes next."""

from django import template

from articles.models import Article
from comments.models import Comment

register = template.Library()

ROWS = 8


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    user = context["request"].user
    board = {}
    if user.has_perm("articles.view_article"):
        articles = Article.objects.select_related("author").only(
            "title", "status", "published_at", "author__username", "author__first_name",
            "author__last_name",
        )  # fmt: skip
        board["pending"] = list(articles.filter(status=Article.Status.PENDING)[:ROWS])
        board["scheduled"] = list(articles.scheduled().order_by("published_at")[:ROWS])
        board["recent"] = list(articles.published()[:ROWS])
    if user.has_perm("comments.change_comment"):
        board["held_comments"] = Comment.objects.pending().count()
    return board
