"""The embedded default: SQLite, local-memory cache, debug on, no server to install."""

from .base import *

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = env.flag("DEBUG", True)
# A developer editing a template sees the change at once: no shared page cache unless asked.
NEWSROOM_PAGE_CACHE_SECONDS = int(env.text("PAGE_CACHE_SECONDS", "0"))
# Tasks run inside the request here: their start and end lines would bury the server's log
# (load_demo alone runs one for each article it publishes). Failures are still shown.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
