"""A WXR post made ready for its batch: its rows, and the users, sections and tags they need.

What may fail is done first and what may write last, so that a malformed post is left out of
its batch without the batch being written again (wordpress.batch).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from comments.models import Comment

from .fields import SkipItem, item_time, post_state
from .lookups import imported
from .records import Author
from .rows import Post, comment_levels, new_article, new_comment
from .sources import attribution
from .text import comment_text


def prepare_post(item, texts, lookups, *, source_keys=()):
    """Return the post ready to be written: rows unsaved, but new users, sections, tags made."""
    # `texts` is what the pool of processes made of its text, if it did: (ArticleText, comment
    # texts). What the post finds and makes is counted in `lookups.tally`.
    if not item.post_id:
        raise SkipItem(_("it has no post id"))
    if item.status == "auto-draft":
        raise SkipItem(_("an automatic draft WordPress kept, never written"))
    published_at = item_time(item.date_gmt, item.date) or timezone.now()
    key = lookups.identity(item.post_id)
    stored = imported(Article).filter(external_id=key).first() if lookups.seen(key) else None
    text, comment_texts = texts or (None, None)
    post, found = Post(stored, is_new=stored is None), None
    if post.is_new:
        found = attribution(item.meta, feeds=lookups.feeds, extra_keys=source_keys)
        post.article = new_article(item, key=key, text=text, found=found, published_at=published_at)
    comment_texts = comment_texts or [comment_text(c.content) for c in item.comments]
    post.levels = new_comments(lookups, post.article, item.comments, comment_texts)
    if post.is_new:
        relate(lookups, post, item, found)
        lookups.remember(key)
        if item.password:
            lookups.tally.protected.append(post.article.title)
    outcome = "new" if post.is_new else "unchanged"
    lookups.tally.posts[post_state(item, published_at), outcome] += 1
    return post


def relate(lookups, post, item, found):
    """Give a new article its author, section, source, tags and slug; these may write."""
    article = post.article
    article.author = lookups.user(Author(login=item.creator))
    article.category = lookups.section(item.categories)
    if found:
        article.source = lookups.source(found)
        article.show_attribution = article.source.show_attribution
        lookups.tally.attributed += 1
    post.tags = {lookups.tag(slug, name).pk for slug, name in item.tags}
    article.slug = lookups.free_slug(item.slug.removesuffix("__trashed") or article.title)


def new_comments(lookups, article, comments, texts):
    """Return the comments not imported before, a list per depth: (row, new parent or None)."""
    # `texts` holds each comment's (body, body_html), in the order of `comments`.
    by_key = {lookups.identity("comment", c.id): c for c in comments if c.id}
    placed = stored_comments(lookups, comments, by_key)
    lookups.tally.comments_unchanged += len(placed.keys() & {c.id for c in by_key.values()})
    text_of = {id(comment): text for comment, text in zip(comments, texts, strict=True)}
    rows = {
        comment.id: new_comment(
            article,
            key=key,
            comment=comment,
            text=text_of[id(comment)],
            user=lookups.users_by_wp_id.get(comment.user_id),
        )
        for key, comment in by_key.items()
        if comment.id not in placed
    }
    levels = comment_levels(rows, {c.id: c.parent_id for c in by_key.values()}, placed)
    for level in levels:
        for row, _parent in level:
            lookups.tally.comments[row.status, row.kind] += 1
            lookups.remember(row.external_id)
    return levels


def stored_comments(lookups, comments, by_key):
    """Map the WordPress id of each comment (or parent) stored before to (pk, root, depth)."""
    # A reply in this file may answer a comment a previous file brought.
    wanted = {key: comment.id for key, comment in by_key.items()} | {
        lookups.identity("comment", comment.parent_id): comment.parent_id for comment in comments
    }
    stored = [key for key in wanted if lookups.seen(key)]
    if not stored:  # a first import has none: no query to build
        return {}
    found = (
        imported(Comment)
        .filter(external_id__in=stored)
        .values_list("external_id", "pk", "root_id", "depth")
    )
    return {wanted[key]: (pk, root or pk, depth) for key, pk, root, depth in found}
