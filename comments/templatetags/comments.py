"""The seams between article pages and comments: the section under an article (used by the
article template) and the most commented articles (used by the home template)."""

import time

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from comments import selectors
from comments.forms import CommentForm
from comments.models import DiscussionSettings
from comments.rendering import thread_html
from comments.views import held_comment_ids, remembered_author

register = template.Library()


@register.simple_tag
def comment_thread(nodes, reports=False):
    return thread_html(nodes, reports=reports)


@register.simple_tag
def most_commented(count=5):
    """The articles most talked about lately, each with its comment_count."""
    return selectors.most_commented(days=settings.NEWSROOM_MOST_COMMENTED_DAYS, count=count)


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    request = context["request"]
    rules = DiscussionSettings.current()
    page = selectors.comment_threads(
        article,
        rules=rules,
        page_number=request.GET.get("comments-page", 1),
        own_ids=held_comment_ids(request),
    )
    action = reverse("comments:post", kwargs={"article_id": article.pk})
    author = remembered_author(request)
    reply = _reply(request)
    initial = {**author, "remember": True, **reply} if author else reply
    parent = initial.get("parent")
    return {
        "article": article,
        "page": page,
        # The reader's own held comments are shown to them: they count for them.
        "heading": _heading(page.total + _held(page.threads)),
        "open": rules.accepts_comments(article),
        "reports": rules.reports_to_hold > 0,
        "form": CommentForm(action=action, initial=initial),
        # Most readers get the same empty form: rendered once per process, not per page view.
        "form_html": None if initial else blank_form_html(action),
        "replying_to": None if parent is None else selectors.reply_target(article, parent),
        "request": request,
    }


def _held(nodes):
    return sum(int(not node.comment.is_approved) + _held(node.children) for node in nodes)


def _reply(request):
    parent = _comment_id(request.GET.get("replytocom"))
    return {} if parent is None else {"parent": parent}


def _comment_id(value):
    """The comment id a reader sent, or None: only ASCII digits ("²" is a digit to Python, not
    to int()) that fit the database's integer."""
    value = str(value or "")
    if value.isascii() and value.isdigit() and int(value) < 2**63:
        return int(value)
    return None


def _heading(count):
    return ngettext("%(count)s comment", "%(count)s comments", count) % {"count": count}


_BLANK_FORMS = {}
BLANK_FORM_SECONDS = 300


def blank_form_html(action):
    """The empty comment form's HTML. A reader without JavaScript sends its signed timestamp
    as drawn here, so it is kept by the clock the timestamp is read against: a clock set back
    or forward (time travel in tests) draws the form again."""
    language = get_language()
    drawn, html = _BLANK_FORMS.get(language, (0, ""))
    placeholder = reverse("comments:post", kwargs={"article_id": 0})
    if not 0 <= time.time() - drawn < BLANK_FORM_SECONDS:
        html = render_crispy_form(CommentForm(action=placeholder))
        _BLANK_FORMS[language] = (time.time(), html)
    return mark_safe(html.replace(f'action="{placeholder}"', f'action="{action}"'))  # noqa: S308
