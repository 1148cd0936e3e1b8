"""Every change to a comment or the discussion settings makes the public pages stale."""

from django.db.models.signals import post_delete, post_save

from core.pagecache import bump

from .models import Comment, DiscussionSettings


def content_changed(**kwargs):
    bump()


def connect():
    for model in (Comment, DiscussionSettings):
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
