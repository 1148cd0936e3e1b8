"""The embedded default: SQLite, local-memory cache, debug on, no server to install."""

from .base import *

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = env.flag("DEBUG", True)
# A developer editing a template sees the change at once: no shared page cache unless asked.
NEWSROOM_PAGE_CACHE_SECONDS = int(env.text("PAGE_CACHE_SECONDS", "0"))
