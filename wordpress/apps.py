from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordpressConfig(AppConfig):
    """The WordPress importer (WXR): `manage.py import_wordpress`."""

    name = "wordpress"
    verbose_name = _("WordPress import")
