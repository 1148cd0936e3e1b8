"""WordPress values turned into ours: statuses, titles, dates, commenters' fields. Pure.

A value that cannot be turned into a row raises SkipItem with the reason an editor reads.
"""

import ipaddress
import re
from html import unescape

from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from articles.models import Article
from comments import models as comment_models
from comments.models import Comment
from core.html import plain_text
from core.text import single_line, strip_controls

from . import reader as wxr

TERM_MAX_LENGTH = 100
PRIVATE, PROTECTED = "private", "password-protected"

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # a future publish time is what "scheduled" means here
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.PENDING,
    "private": Article.Status.DRAFT,
    "trash": Article.Status.TRASH,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}
COMMENT_KINDS = {"pingback": Comment.Kind.PINGBACK, "trackback": Comment.Kind.TRACKBACK}
EXTRA_NEWLINES = re.compile(r"\n{3,}")


class SkipItem(Exception):
    """An item that cannot be imported; the message says why."""


def thread_levels(parents):
    """Return new comments' ids a list per depth, each after its parent, and their parents."""
    # `parents` maps a new comment's id to its parent's; a parent outside it is already stored
    # or absent. A loop of parents (a malformed file) is broken by making one a first comment.
    waiting, parents, levels = dict(parents), dict(parents), []
    while waiting:
        level = [wp_id for wp_id, parent in waiting.items() if parent not in waiting]
        if not level:
            first = next(iter(waiting))
            parents[first] = waiting[first] = ""
            continue
        for wp_id in level:
            del waiting[wp_id]
        levels.append(level)
    return levels, parents


def term_slug(slug, name):
    """Return a Unicode slug: the term's own (already percent-decoded), else from its name."""
    return slugify(slug or name, allow_unicode=True)[:TERM_MAX_LENGTH].strip("-")


def term_name(name, slug):
    return single_line(unescape(name or ""))[:TERM_MAX_LENGTH] or slug


def post_title(value):
    """Return the title as plain text: WordPress allows markup and entities in it."""
    return Truncator(single_line(plain_text(value))).chars(300) or _("(no title)")


def post_status(item):
    if item.password:  # a password-protected post waits for an editor's decision
        return Article.Status.DRAFT
    return STATUSES.get(item.status, Article.Status.DRAFT)


def post_state(item, published_at):
    """Return the line of the summary a post is counted in."""
    if item.password:
        return PROTECTED
    if item.status == "private":
        return PRIVATE
    status = STATUSES.get(item.status, Article.Status.DRAFT)
    if status == Article.Status.PUBLISHED and published_at > timezone.now():
        return Article.SCHEDULED
    return status


def set_workflow_fields(article):
    if article.status == Article.Status.TRASH:
        article.previous_status = Article.Status.DRAFT
        article.trashed_at = timezone.now()  # the trash is emptied that many days after import
    elif article.status == Article.Status.PUBLISHED and article.published_at <= timezone.now():
        # Its going-live (notifications) happened on the old site, years ago perhaps.
        article.went_live_at = article.published_at


def item_time(gmt, local):
    try:
        return wxr.parse_date(gmt, local)
    except ValueError:
        wrong = gmt if gmt and gmt != wxr.ZERO_DATE else local
        raise SkipItem(_("invalid date «{date}»").format(date=wrong)) from None


def commenter_name(value):
    name = single_line(unescape(value))[: comment_models.NAME_MAX_LENGTH]
    return name or _("Anonymous")


def comment_body(content):
    """Return a comment's plain text, as comments are stored: WordPress keeps HTML in them."""
    text = strip_controls(plain_text(content)).strip()
    return EXTRA_NEWLINES.sub("\n\n", text)[: comment_models.BODY_MAX_LENGTH]


def comment_email(value):
    """Lower-case the e-mail as Comment.save does; drop it when it would not fit the column."""
    value = value.strip().lower()
    return value if len(value) <= comment_models.EMAIL_MAX_LENGTH else ""


def web_url(value):
    """Keep a commenter's website only over http(s): it becomes a link on the public page."""
    value = strip_controls(value).strip()
    schemes = ("http://", "https://")
    ok = value.lower().startswith(schemes) and len(value) <= comment_models.URL_MAX_LENGTH
    return value if ok else ""


def ip_or_none(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
