from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares; it imports none of them."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import cachetags, django_words, purge

        # Every invalidation also purges Varnish and the CDN, when the settings name them.
        cachetags.on_invalidate(purge.on_invalidate)
        # Permissions' names and the yes/no icons' alt text, which no catalogue translates.
        django_words.install()
