"""The section menu, cached because every page shows it; dropped when a section changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category

CACHE_KEY = "articles:nav-sections"


def navigation_sections():
    sections = cache.get(CACHE_KEY)
    if sections is None:
        sections = list(Category.objects.values("name", "slug"))
        cache.set(CACHE_KEY, sections, 3600)
    return sections


@receiver([post_save, post_delete], sender=Category)
def forget_sections(**kwargs):
    cache.delete(CACHE_KEY)
