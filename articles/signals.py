"""Every change to an article, section, tag or site setting makes the public pages stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.pagecache import bump

from .models import Article, Category, RecommendedStory, SiteSettings, Tag

SHOWN_TO_READERS = [Article, Category, Tag, RecommendedStory, SiteSettings]


def content_changed(**kwargs):
    bump()


def connect():
    for model in SHOWN_TO_READERS:
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
