"""The seam between an article page and its comments: one tag, used by the article template."""

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.threads import comment_page
from comments.views import held_comment_ids, remembered_author

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    request = context["request"]
    rules = DiscussionSettings.current()
    page = comment_page(
        article,
        rules=rules,
        page_number=request.GET.get("comments-page", 1),
        own_ids=held_comment_ids(request),
    )
    action = reverse("comments:post", kwargs={"article_id": article.pk})
    form = context.get("comment_form")
    if form is None:
        author = remembered_author(request)
        form = CommentForm(
            action=action, initial={**author, "remember": bool(author), **_reply(request)}
        )
    else:
        form.helper.form_action = action
    replying_to = _replying_to(article, form)
    return {
        "article": article,
        "page": page,
        "heading": _heading(page.total),
        "open": rules.accepts_comments(article),
        "form": form,
        "replying_to": replying_to,
        "request": request,
    }


def _reply(request):
    parent = request.GET.get("replytocom", "")
    return {"parent": int(parent)} if parent.isdigit() else {}


def _replying_to(article, form):
    parent_id = form["parent"].value()
    if not str(parent_id or "").isdigit():
        return None
    return Comment.objects.approved().filter(article=article, pk=parent_id).first()


def _heading(count):
    return ngettext("%(count)s comment", "%(count)s comments", count) % {"count": count}
