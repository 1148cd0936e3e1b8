"""Every change readers can see makes the public page cache stale (newsroom.pagecache)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.models import Article, Category, RecommendedStory, SiteSettings, Tag
from comments.models import Comment, DiscussionSettings

from .pagecache import bump

VISIBLE = [Article, Category, Tag, RecommendedStory, SiteSettings, Comment, DiscussionSettings]


def content_changed(**kwargs):
    bump()


for model in VISIBLE:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
