"""HTML of a comment thread, built in Python: a page shows up to hundreds of comments, and a
recursive template include costs more per comment than the whole rest of the page.

Every value a reader wrote is escaped here (`escape`); the body was escaped and linkified once,
when the comment was saved (`body_html`). Plain string building, not format_html: at 200
comments a page, format_html's per-argument checks cost more than the rest of the thread.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.templatetags.arabic import arabic_date


def thread_html(nodes):
    return mark_safe("\n".join(comment_html(node) for node in nodes))  # noqa: S308


def comment_html(node):
    comment = node.comment
    pk = comment.pk
    name = escape(comment.name)
    author = (
        f'<a href="{escape(comment.url)}" rel="nofollow ugc noopener">{name}</a>'
        # The model allows http(s) only; a row written around it must not become a script link.
        if comment.url.lower().startswith(("http://", "https://"))
        else name
    )
    awaiting = held = ""
    if not comment.is_approved:
        held = " comment-held"
        # Outside the f-string: makemessages does not look inside f-strings.
        notice = escape(_("Your comment is awaiting moderation."))
        awaiting = f'<p class="comment-awaiting">{notice}</p>'
    reply = ""
    if node.can_reply:
        # The translation holds the markup; the name put inside it is escaped above.
        label = _("Reply to <bdi>%(name)s</bdi>") % {"name": name}
        reply = (
            f'<a class="comment-reply small" rel="nofollow" href="?replytocom={pk}#respond">'
            f"{label}</a>"
        )
    children = ""
    if node.children:
        children = f'<ol class="comment-children list-unstyled">{thread_html(node.children)}</ol>'
    return (
        f'<li id="comment-{pk}" class="comment{held}">'
        f'<article class="comment-box" aria-labelledby="comment-{pk}-author">'
        f'<header class="comment-meta"><bdi id="comment-{pk}-author" class="comment-author">'
        f"{author}</bdi> "
        f'<time class="small text-secondary" datetime="{comment.created_at.isoformat()}">'
        f"{escape(arabic_date(comment.created_at, True))}</time></header>"
        f'{awaiting}<div class="comment-body" dir="auto">{comment.body_html}</div>{reply}'
        f"</article>{children}</li>"
    )
