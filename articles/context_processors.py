from django.utils.functional import SimpleLazyObject

from core.cachetags import tag

from . import page_tags
from .models import SiteSettings
from .navigation import navigation_sections


def site(request):
    """The site's settings and sections for every page; evaluated only when a template asks."""
    tag(page_tags.SETTINGS, page_tags.MENU)
    return {
        "site_settings": SimpleLazyObject(SiteSettings.current),
        "nav_sections": SimpleLazyObject(navigation_sections),
    }
