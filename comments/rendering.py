"""HTML of a comment thread, built in Python: a page shows up to hundreds of comments, and a
recursive template include costs more per comment than the whole rest of the page.

Every value a reader wrote is escaped here (`escape`); the body was escaped and linkified once,
when the comment was saved (`body_html`). Plain string building, not format_html: at 200
comments a page, format_html's per-argument checks cost more than the rest of the thread.
The HTML is the same for every reader (it is kept, and pages are shared from the cache): the
report button is a plain form, with no token in it (comments.origin checks its posts).
"""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.templatetags.arabic import arabic_date


def thread_html(nodes, *, reports=False):
    """The threads' HTML; with `reports`, a report button under each reader's public comment."""
    report_url = reverse("comments:report", args=[0]).removesuffix("0/") if reports else ""
    return _thread(nodes, report_url)


def _thread(nodes, report_url):
    return mark_safe("\n".join(comment_html(node, report_url) for node in nodes))  # noqa: S308


def comment_html(node, report_url=""):
    comment = node.comment
    pk = comment.pk
    awaiting = held = ""
    if not comment.is_approved:
        held = " comment-held"
        # Outside the f-string: makemessages does not look inside f-strings.
        notice = escape(_("Your comment is awaiting moderation."))
        awaiting = f'<p class="comment-awaiting">{notice}</p>'
    children = ""
    if node.children:
        children = (
            f'<ol class="comment-children list-unstyled">{_thread(node.children, report_url)}</ol>'
        )
    return (
        f'<li id="comment-{pk}" class="comment{held}">'
        f'<article class="comment-box" aria-labelledby="comment-{pk}-author">'
        f'<header class="comment-meta"><bdi id="comment-{pk}-author" class="comment-author">'
        f"{_author(comment)}</bdi>{_staff(comment)} "
        f'<time class="small text-secondary" datetime="{comment.created_at.isoformat()}">'
        f"{escape(arabic_date(comment.created_at, True))}</time></header>"
        f'{awaiting}<div class="comment-body" dir="auto">{comment.body_html}</div>'
        f"{_reply(node)}{_report(comment, report_url)}"
        f"</article>{children}</li>"
    )


def _author(comment):
    name = escape(comment.name)
    # The model allows http(s) only; a row written around it must not become a script link.
    if comment.url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(comment.url)}" rel="nofollow ugc noopener">{name}</a>'
    return name


def _staff(comment):
    if not comment.from_staff:
        return ""
    label = escape(_("Editorial team"))
    return f' <span class="comment-staff badge text-bg-secondary">{label}</span>'


def _reply(node):
    if not node.can_reply:
        return ""
    pk = node.comment.pk
    # The translation holds the markup; the name put inside it is escaped.
    label = _("Reply to <bdi>%(name)s</bdi>") % {"name": escape(node.comment.name)}
    return (
        f'<a class="comment-reply small" rel="nofollow" href="?replytocom={pk}#respond">{label}</a>'
    )


def _report(comment, report_url):
    """A reader's public comment can be reported; the newsroom's own replies cannot."""
    if not report_url or not comment.is_approved or comment.from_staff:
        return ""
    pk = comment.pk
    label = escape(_("Report"))
    return (
        f'<form class="comment-report d-inline-block ms-3" method="post" '
        f'action="{report_url}{pk}/"><button type="submit" class="btn btn-link btn-sm p-0 '
        f'text-secondary" aria-describedby="comment-{pk}-author">{label}</button></form>'
    )
