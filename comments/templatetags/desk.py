"""The editor's dashboard on the admin's front page, and the queue's count in the admin's menu."""

from django import template

from articles.models import Article
from comments.models import Comment
from comments.selectors import status_counts
from comments.services import can_moderate

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
    if can_moderate(user):
        board["held_comments"] = status_counts().get(Comment.Status.PENDING, 0)
    return board


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """How many comments await moderation, for those who moderate (None for the others).

    From the queue's cached counts: the menu is on every admin page.
    """
    if not can_moderate(context["request"].user):
        return None
    return status_counts().get(Comment.Status.PENDING, 0)
