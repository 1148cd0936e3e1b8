"""The seam between an article page and its comments: one tag, used by the article template."""

import time

from crispy_forms.utils import render_crispy_form
from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.rendering import thread_html
from comments.threads import comment_page
from comments.views import held_comment_ids, remembered_author

register = template.Library()


@register.simple_tag
def comment_thread(nodes):
    return thread_html(nodes)


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
    initial = {}
    if form is None:
        author = remembered_author(request)
        initial = {**author, "remember": True, **_reply(request)} if author else _reply(request)
        form = CommentForm(action=action, initial=initial)
    else:
        form.helper.form_action = action
    replying_to = _replying_to(article, form) if "parent" in initial or form.is_bound else None
    return {
        "article": article,
        "page": page,
        "heading": _heading(page.total),
        "open": rules.accepts_comments(article),
        "form": form,
        # Most readers get the same empty form: rendered once per process, not per page view.
        "form_html": None if initial or form.is_bound else blank_form_html(action),
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


_BLANK_FORMS = {}
BLANK_FORM_SECONDS = 300


def blank_form_html(action):
    """The empty comment form's HTML; its signed timestamp is refreshed by script anyway."""
    language = get_language()
    expires, html = _BLANK_FORMS.get(language, (0, ""))
    placeholder = reverse("comments:post", kwargs={"article_id": 0})
    if expires < time.monotonic():
        html = render_crispy_form(CommentForm(action=placeholder))
        _BLANK_FORMS[language] = (time.monotonic() + BLANK_FORM_SECONDS, html)
    return mark_safe(html.replace(f'action="{placeholder}"', f'action="{action}"'))  # noqa: S308
