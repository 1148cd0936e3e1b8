"""Rows from WXR records: unsaved articles and comments, as their save() would store them. Pure.

Imported rows are written with bulk_create, which calls no save(): what save() computes is
computed here (and in wordpress.text), without reading or writing the database.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from articles.models import BODY_MAX_LENGTH, Article
from comments.models import Comment

from .fields import (
    COMMENT_KINDS,
    COMMENT_STATUSES,
    SkipItem,
    comment_email,
    commenter_name,
    ip_or_none,
    item_time,
    post_status,
    set_workflow_fields,
    thread_levels,
    web_url,
)
from .text import article_text


@dataclass
class Post:
    """A post ready to be written: its article (new, or imported before) and new comments."""

    article: Article
    is_new: bool
    tags: set = field(default_factory=set)  # tag pks of a new article
    # New comments, a list per thread depth: (row, its parent when that is new too, else None).
    levels: list = field(default_factory=list)


def new_article(item, *, key, text, found, published_at):
    """Return the item's article, validated, without its author, section, source or slug."""
    # `text` is what the pool of processes made of the item's text, or None to make it here;
    # `found` is the post's attribution (wordpress.sources).
    if len(item.content) > BODY_MAX_LENGTH:
        message = _("its text is longer than {limit} characters")
        raise SkipItem(message.format(limit=BODY_MAX_LENGTH))
    text = text or article_text(item)
    article = Article(
        title=text.title,
        excerpt=text.excerpt,
        body=text.body,
        search_text=text.search_text,
        status=post_status(item),
        published_at=published_at,
        featured=item.sticky == "1",
        comments_open=item.comment_status != "closed",
        external_id=key,
        original_url=found.url,
        original_published_at=found.published_at,
        byline=found.credit,
        # What Article.save would make them: the first version, written by this import.
        version=1,
        import_version=1,
    )
    set_workflow_fields(article)
    article.full_clean(
        exclude=["body", "slug", "category", "author", "source"],
        validate_unique=False,
        validate_constraints=False,
    )
    return article


def new_comment(article, *, key, comment, text, user):
    """Return an unsaved Comment with what Comment.save would compute."""
    # `text` is the comment's (body, body_html) as wordpress.text.comment_text makes them.
    try:
        created_at = item_time(comment.date_gmt, comment.date) or article.published_at
    except SkipItem as error:
        raise SkipItem(_("comment {id}: {error}").format(id=comment.id, error=error)) from None
    body, body_html = text
    status = COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING)
    # Every held comment says why it waits; here, the moderation queue it came from.
    held = status == Comment.Status.PENDING
    reason = _("Held in WordPress before the import.") if held else ""
    return Comment(
        article=article,
        name=commenter_name(comment.author),
        email=comment_email(comment.email),
        url=web_url(comment.url),
        body=body,
        body_html=body_html,
        status=status,
        reason=reason,
        kind=COMMENT_KINDS.get(comment.type, Comment.Kind.COMMENT),
        ip=ip_or_none(comment.ip),
        user=user,
        external_id=key,
        created_at=created_at,
    )


def comment_levels(rows, parent_ids, placed):
    """Thread new comments: a list per depth of (row, its parent when new too, else None)."""
    # `rows` maps each new comment's WordPress id to its row, `parent_ids` a comment's id to
    # its parent's, and `placed` the id of a comment stored before to its (pk, root pk,
    # depth). A row under a stored comment gets its place now; one under a new comment, once
    # that is written and has a primary key.
    levels, parents = thread_levels({wp_id: parent_ids[wp_id] for wp_id in rows})
    for level in levels:
        for wp_id in level:
            row, parent = rows[wp_id], rows.get(parents[wp_id])
            if parent is not None:
                row.depth = parent.depth + 1
            elif parents[wp_id] in placed:
                pk, root, depth = placed[parents[wp_id]]
                row.parent_id, row.root_id, row.depth = pk, root, depth + 1
    return [[(rows[wp_id], rows.get(parents[wp_id])) for wp_id in level] for level in levels]
