from django.utils.functional import SimpleLazyObject

from .models import SiteSettings
from .navigation import navigation_sections


def site(request):
    """The site's settings and sections for every page; evaluated only when a template asks."""
    return {
        "site_settings": SimpleLazyObject(SiteSettings.current),
        "nav_sections": SimpleLazyObject(navigation_sections),
    }
