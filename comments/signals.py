"""What a change to comments makes stale (core.cachetags): only what readers can see.

A held, spam or trashed comment is on no public page: saving one invalidates nothing, so a
bot posting held comments all day never empties the cache. An approved comment (or one that
stops being approved) changes its article's page and the lists that show comment counts.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save

from articles import page_tags
from core import receivers
from core.cachetags import invalidate

from .models import Comment, DiscussionSettings

COMMENT_COUNTS = "comment-counts"  # lists that show how many comments articles have
DISCUSSION = "discussion"  # what the discussion settings change: forms, threading, paging
STATUS_COUNTS = "comments:status-counts"  # the queue's counts (comments.selectors)


def comments_changed(article_ids):
    """Invalidate the pages of these articles' approved comments and the comment counts."""
    cache.delete(STATUS_COUNTS)
    if article_ids:
        invalidate(COMMENT_COUNTS, *(page_tags.article(pk) for pk in set(article_ids)))


def remember_status(sender, instance, raw=False, **kwargs):
    before = None
    if instance.pk and not raw:
        before = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._status_before = before


def comment_saved(sender, instance, **kwargs):
    before = getattr(instance, "_status_before", None)
    shown = Comment.Status.APPROVED in (before, instance.status)
    comments_changed([instance.article_id] if shown else [])


def comment_deleted(sender, instance, **kwargs):
    shown = instance.status == Comment.Status.APPROVED
    comments_changed([instance.article_id] if shown else [])


def discussion_changed(sender, instance, **kwargs):
    invalidate(DISCUSSION)


RECEIVERS = [
    (pre_save, remember_status, Comment),
    (post_save, comment_saved, Comment),
    (post_delete, comment_deleted, Comment),
    (post_save, discussion_changed, DiscussionSettings),
]


def connect():
    receivers.connect(RECEIVERS)
