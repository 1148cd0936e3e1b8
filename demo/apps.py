from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content (`load_demo`) and the bench data generator; not installed in production."""

    name = "demo"
    verbose_name = _("Demo content")
