"""What a change to articles and what surrounds them makes stale (core.cachetags).

Only what readers can see counts: saving a draft, a pending or a scheduled article changes no
public page. An article that stops being public (unpublished, trashed, deleted) is purged
hard, so that no copy of it is served again. A scheduled article going live needs no event:
no page is kept past the next publication (core.pagecache.ttl), and its going-live task
invalidates its lists too (articles.workflow.went_live).
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from core import receivers
from core.cachetags import invalidate

from . import page_tags
from .models import Article, Category, RecommendedStory, SiteSettings, Tag
from .selectors import NEXT_PUBLICATION

UNSEEN = (False, None, None, ())  # (was public, section, author, tag ids) of a new article


def public_state(article):
    """(public, section, author, tag ids) of an article as stored."""
    row = (
        Article.objects.filter(pk=article.pk)
        .values("status", "published_at", "category_id", "author_id")
        .first()
    )
    if row is None:
        return UNSEEN
    public = row["status"] == Article.Status.PUBLISHED and row["published_at"] <= timezone.now()
    tag_ids = tuple(article.tags.values_list("pk", flat=True)) if public else ()
    return public, row["category_id"], row["author_id"], tag_ids


def forget_next_publication(**kwargs):
    cache.delete(NEXT_PUBLICATION)


def remember_state(sender, instance, raw=False, **kwargs):
    instance._public_before = public_state(instance) if instance.pk and not raw else UNSEEN


def article_saved(sender, instance, raw=False, **kwargs):
    was_public, *before = getattr(instance, "_public_before", UNSEEN)
    if not (was_public or instance.is_public):
        return  # a draft, a pending or a scheduled article: nothing a reader sees
    now = (instance.category_id, instance.author_id, instance.tag_ids if instance.is_public else ())
    stale = [page_tags.article(instance.pk), *page_tags.lists_of(*now)]
    if was_public:
        stale += page_tags.lists_of(*before)
    invalidate(*stale, hard=was_public and not instance.is_public)


def article_deleted(sender, instance, **kwargs):
    if instance.is_public:
        tags = page_tags.lists_of(instance.category_id, instance.author_id, ())
        invalidate(page_tags.article(instance.pk), *tags, hard=True)


def tags_changed(sender, instance, action, pk_set, **kwargs):
    """An article's tags: the lists of the tags it joins or leaves (its own page too)."""
    if not isinstance(instance, Article) or not instance.is_public:
        return
    if action == "pre_clear":
        instance._tags_before = list(instance.tags.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        pks = pk_set or getattr(instance, "_tags_before", ())
        invalidate(page_tags.article(instance.pk), *(page_tags.tag(pk) for pk in pks))


def recommendation_changed(sender, instance, **kwargs):
    invalidate(page_tags.article(instance.article_id))


def section_changed(sender, instance, **kwargs):
    invalidate(page_tags.section(instance.pk), page_tags.MENU, page_tags.FEEDS)


def tag_changed(sender, instance, **kwargs):
    invalidate(page_tags.tag(instance.pk), page_tags.SITEMAPS, page_tags.FEEDS)


def settings_changed(sender, instance, **kwargs):
    invalidate(page_tags.SETTINGS)


def articles_published(articles):
    """Invalidate the lists of articles written without save() (bulk imports), if public."""
    public = [article for article in articles if article.is_public]
    if not public:
        return
    through = Article.tags.through.objects.filter(article_id__in=[a.pk for a in public])
    stale = {page_tags.HOME}
    for article in public:
        stale.update([page_tags.article(article.pk)])
        stale.update(page_tags.lists_of(article.category_id, article.author_id, ()))
    stale.update(page_tags.tag(pk) for pk in through.values_list("tag_id", flat=True).distinct())
    invalidate(*stale)


RECEIVERS = [
    (pre_save, remember_state, Article),
    (post_save, article_saved, Article),
    (post_save, forget_next_publication, Article),
    (post_delete, forget_next_publication, Article),
    (post_delete, article_deleted, Article),
    (m2m_changed, tags_changed, Article.tags.through),
    (post_save, recommendation_changed, RecommendedStory),
    (post_delete, recommendation_changed, RecommendedStory),
    (post_save, section_changed, Category),
    (post_delete, section_changed, Category),
    (post_save, tag_changed, Tag),
    (post_delete, tag_changed, Tag),
    (post_save, settings_changed, SiteSettings),
]


def connect():
    receivers.connect(RECEIVERS)
