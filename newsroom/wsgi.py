"""WSGI entry point; production sets DJANGO_SETTINGS_MODULE=newsroom.settings.prod."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
django_application = get_wsgi_application()

from core.pagecache import PageCache  # noqa: E402  (needs Django set up first)

# A worker's threads share one interpreter lock: a cached page (0.2 ms of Python) waiting
# behind a page being drawn (20 ms) waited up to 5 ms at each hand-over, Python's default.
# A millisecond keeps hits quick while another thread draws; an idle thread costs nothing.
sys.setswitchinterval(0.001)

# Cached pages for anonymous readers are answered here, before Django's middleware runs.
application = PageCache(django_application)
