"""Tests: the same settings as the site, with fast hashing and a throwaway cache."""

import os

from .base import *

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Hashed names would need collectstatic before every run; plain storage keeps tests self-contained.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Serve static files from the apps' folders, as the dev server does, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The feed tests serve their feeds from loopback; tests/articles/test_fetching.py turns it off.
NEWSROOM_FEEDS_FROM_PRIVATE_ADDRESSES = True
# A file, not memory, for SQLite: the task-queue tests start worker processes that must see
# the test database. One file per test run, so two runs on one machine do not collide.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(env.VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# Tests purge only the caches they start themselves, whatever the developer's environment says.
NEWSROOM_VARNISH_PURGE_URLS = []
NEWSROOM_CDN_PURGE_URL = NEWSROOM_CDN_PURGE_TOKEN = ""
