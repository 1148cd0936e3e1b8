import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from newsroom.settings import env

ROOT = env.BASE_DIR


def run_manage(*args, **environ):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_database_url_the_default_is_a_sqlite_file_under_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.database()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(ROOT / "var" / "newsroom.sqlite3")


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    config = env.database()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 5432, "test")


def test_cache_is_local_memory_without_redis_url_and_redis_with_it():
    assert env.cache("")["BACKEND"].endswith("LocMemCache")
    assert env.cache("redis://127.0.0.1:6379/0")["BACKEND"].endswith("RedisCache")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_secrets(missing):
    environ = {"SECRET_KEY": "x" * 60, "DATABASE_URL": "postgres://postgres@127.0.0.1/test"}
    del environ[missing]
    result = run_manage("check", DJANGO_SETTINGS_MODULE="newsroom.settings.prod", **environ)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
        SECRET_KEY="a-long-production-secret-" + uuid.uuid4().hex + uuid.uuid4().hex,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_redis_cache_backend_stores_and_expires_against_real_redis(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "newsroom-test-" + uuid.uuid4().hex})
    cache.set("مفتاح", {"عنوان": "خبر"}, 30)
    assert cache.get("مفتاح") == {"عنوان": "خبر"}
    cache.delete("مفتاح")
    assert cache.get("مفتاح") is None
