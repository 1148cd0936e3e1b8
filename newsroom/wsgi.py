"""WSGI entry point; production sets DJANGO_SETTINGS_MODULE=newsroom.settings.prod."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
django_application = get_wsgi_application()

from core.pagecache import PageCache  # noqa: E402  (needs Django set up first)

# Cached pages for anonymous readers are answered here, before Django's middleware runs.
application = PageCache(django_application)
