"""HTML of a comment thread, built in Python: a page shows up to hundreds of comments, and a
recursive template include costs more per comment than the whole rest of the page."""

from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom.templatetags.newsroom import arabic_date


def thread_html(nodes):
    return format_html_join("\n", "{}", ((comment_html(node),) for node in nodes))


def comment_html(node):
    comment = node.comment
    author = (
        format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', comment.url, comment.name)
        if comment.url
        else comment.name
    )
    awaiting = (
        format_html('<p class="comment-awaiting">{}</p>', _("Your comment is awaiting moderation."))
        if not comment.is_approved
        else ""
    )
    reply = (
        format_html(
            '<a class="comment-reply small" rel="nofollow" href="?replytocom={}#respond">{}</a>',
            comment.pk,
            # The translation holds the markup; the name inside it is escaped by format_html.
            format_html(_("Reply to <bdi>%(name)s</bdi>") % {"name": "{}"}, comment.name),
        )
        if node.can_reply
        else ""
    )
    children = (
        format_html(
            '<ol class="comment-children list-unstyled">{}</ol>', thread_html(node.children)
        )
        if node.children
        else ""
    )
    return format_html(
        '<li id="comment-{pk}" class="comment{held}">'
        '<article class="comment-box" aria-labelledby="comment-{pk}-author">'
        '<header class="comment-meta"><bdi id="comment-{pk}-author" class="comment-author">'
        "{author}</bdi> "
        '<time class="small text-secondary" datetime="{iso}">{date}</time></header>'
        '{awaiting}<div class="comment-body" dir="auto">{body}</div>{reply}</article>'
        "{children}</li>",
        pk=comment.pk,
        held="" if comment.is_approved else " comment-held",
        author=author,
        iso=format_date(comment.created_at, "c"),
        date=arabic_date(comment.created_at, True),
        awaiting=awaiting,
        # Made once from the plain-text body when the comment was saved (escaped, linkified).
        body=mark_safe(comment.body_html),  # noqa: S308
        reply=reply,
        children=children,
    )
