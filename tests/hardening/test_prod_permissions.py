"""The permission matrix and the moderator rules hold under the production settings too.

Both modules run again in a pytest subprocess with `--ds=newsroom.settings.prod`: HTTPS only
(behind the proxy's X-Forwarded-Proto), secure cookies, HSTS, DEBUG off, whitenoise's strict
manifest storage, the psycopg pool on PostgreSQL. What the subprocess adapts, and why, is in
tests/hardening/prod_plugin.py.
"""

import os
import re
import secrets
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

from newsroom.settings import env

MODULES = ["tests/articles/test_permissions.py", "tests/comments/test_moderation.py"]
PROD_HEADER = (
    "prod-check: DEBUG=False SECURE_SSL_REDIRECT=True SESSION_COOKIE_SECURE=True "
    "CSRF_COOKIE_SECURE=True HSTS=31536000 "
    "staticfiles=whitenoise.storage.CompressedManifestStaticFilesStorage"
)


def production_database_url():
    """The outer run's database, so both runs test the same engine and server.

    On PostgreSQL the name gets a suffix: pytest-django names its test database after it, and
    would otherwise drop and re-create the test database this very run is using.
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + env.database()["NAME"]  # the test database is in memory
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return url
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_prod"))


def run_pytest(*args, **environ):
    clean = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
        # The browser tests' event-loop permission has no place in a production process.
        and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=env.BASE_DIR,
        env={**clean, **environ},
        capture_output=True,
        text=True,
        timeout=600,
    )


def collected_ids():
    """The tests of the modules under the ordinary test settings."""
    result = run_pytest("--collect-only", "-q", *MODULES)
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_permissions_and_moderation_pass_under_production_settings():
    expected = collected_ids()
    assert len(expected) > 50  # the matrix alone is 13 actions × 4 roles
    result = run_pytest(
        "--ds=newsroom.settings.prod",
        "-p",
        "tests.hardening.prod_plugin",
        "-rp",
        *MODULES,
        SECRET_KEY="prod-check-" + secrets.token_urlsafe(48),
        DATABASE_URL=production_database_url(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "settings: newsroom.settings.prod (from option)" in output
    assert PROD_HEADER in output
    passed = set(re.findall(r"^PASSED (.+)$", result.stdout, re.MULTILINE))
    assert passed == expected, output
    assert re.search(rf"^=+ {len(expected)} passed in ", result.stdout, re.MULTILINE), output
