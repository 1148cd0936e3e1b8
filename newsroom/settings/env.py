"""Read the environment in one place; every setting that varies by machine comes from here."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def text(name, default=""):
    return os.environ.get(name, default)


def flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def words(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database(default_url=None):
    """Parse DATABASE_URL; without it, a SQLite file under var/ (created on first run)."""
    url = os.environ.get("DATABASE_URL") or default_url
    if not url:
        VAR_DIR.mkdir(exist_ok=True)
        url = "sqlite:///{}".format(VAR_DIR / "newsroom.sqlite3")
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while a writer commits, which the dev server and tests need.
        config.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    return config


def cache(redis_url):
    if redis_url:
        return {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            # Fail fast when Redis is down: the page is then rendered without the cache.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks(kind):
    if kind not in TASK_BACKENDS:
        choices = ", ".join(TASK_BACKENDS)
        raise ImproperlyConfigured(f"TASKS_BACKEND must be one of: {choices} (not {kind!r}).")
    return {"default": {"BACKEND": TASK_BACKENDS[kind]}}
