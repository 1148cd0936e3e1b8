"""A pytest plugin for the subprocess that runs test modules under newsroom.settings.prod.

Loaded with `-p tests.hardening.prod_plugin` by tests/hardening/test_prod_permissions.py. It
changes only what a test process cannot do the way production does, and says why for each:

- requests arrive over HTTPS: production sits behind a proxy that terminates TLS and sends
  `X-Forwarded-Proto: https` (SECURE_PROXY_SSL_HEADER), so the test client sends that header
  too; without it every request would be answered by SECURE_SSL_REDIRECT's 301;
- static files: the manifest storage stays, strict, as in production; collectstatic fills a
  temporary STATIC_ROOT once per run instead of the checkout's var/static, which other runs
  share;
- password hashing: a fast hasher, as in newsroom.settings.test. The tests log in with
  force_login and never check a password; the production hasher costs about half a second
  per user created, and the permission matrix creates over a hundred.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

PROXY_HEADERS = {"HTTP_X_FORWARDED_PROTO": "https"}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_report_header(config):
    """The production settings in force, for the parent test to check."""
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    return [
        f"prod-check: DEBUG={settings.DEBUG} SECURE_SSL_REDIRECT={settings.SECURE_SSL_REDIRECT} "
        f"SESSION_COOKIE_SECURE={settings.SESSION_COOKIE_SECURE} "
        f"CSRF_COOKIE_SECURE={settings.CSRF_COOKIE_SECURE} "
        f"HSTS={settings.SECURE_HSTS_SECONDS} staticfiles={storage}"
    ]


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory):
    # override_settings sends setting_changed, which makes Django drop its storage objects,
    # so the manifest storage is built again on the temporary folder.
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _behind_the_tls_proxy(request):
    # The same Client object the test receives: function-scoped fixtures are made once a test.
    if "client" in request.fixturenames:
        request.getfixturevalue("client").defaults.update(PROXY_HEADERS)
