from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from core import cachetags
        from core.templatetags import arabic

        # navigation connects its receivers by decorator
        from . import navigation, selectors, signals  # noqa: F401
        from .models import SiteSettings

        signals.connect()
        # A scheduled article goes live without a save: no cached page may outlive that second.
        cachetags.expire_at(selectors.next_publication)
        arabic.show_hijri_when(lambda: SiteSettings.current().show_hijri_date)
