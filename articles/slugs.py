"""Readable, unique Unicode slugs made from Arabic titles."""

from django.utils.text import slugify

from core.text import TATWEEL

SLUG_MAX_LENGTH = 200
# Room left at the end of a slug for a "-N" suffix that makes it unique.
_SUFFIX_ROOM = 8


def base_slug(title, max_length=SLUG_MAX_LENGTH - _SUFFIX_ROOM):
    """Slugify keeping Arabic letters; cut a long title at a word boundary."""
    slug = slugify(title.replace(TATWEEL, ""), allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "article"


def unique_slug(title, taken):
    """Return base_slug(title), or it with the first free "-N"; `taken(slug)` says if used."""
    slug = base_slug(title)
    candidate, number = slug, 2
    while taken(candidate):
        candidate = f"{slug}-{number}"
        number += 1
    return candidate
