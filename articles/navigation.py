"""The section menu, cached because every page shows it; dropped when a section changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from .models import Category

CACHE_KEY = "articles:nav-sections:2"


def navigation_sections():
    """[{"name", "url"}]: the addresses too, so that a page with 50 sections does not reverse
    50 URLs each time it is drawn."""
    sections = cache.get(CACHE_KEY)
    if sections is None:
        sections = [
            {"name": name, "url": reverse("articles:category", args=[slug])}
            for name, slug in Category.objects.values_list("name", "slug")
        ]
        cache.set(CACHE_KEY, sections, 3600)
    return sections


@receiver([post_save, post_delete], sender=Category)
def forget_sections(**kwargs):
    cache.delete(CACHE_KEY)
