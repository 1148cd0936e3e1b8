"""With the database unreachable, readers get an Arabic "temporarily unavailable" page (503
with Retry-After), never a traceback; the production server on a closed database port."""

import json
import os
import urllib.error
import urllib.parse
import urllib.request

import pytest

from scripts.servers import start_granian, stop
from tests.hardening.live import free_port


@pytest.fixture(scope="module")
def site_without_database():
    closed = free_port()  # nothing listens here: every connection attempt is refused
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed}/newsroom",
    }
    env.pop("REDIS_URL", None)
    server = start_granian(port, env, workers=1, threads=2)
    yield f"http://127.0.0.1:{port}"
    stop(server)


def fetch(url, data=None):
    try:
        response = urllib.request.urlopen(url, data=data, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read().decode()


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=" + urllib.parse.quote("خبر"), "/feed/", "/no-such-page/"]
)
def test_readers_get_an_arabic_503_page(site_without_database, path):
    status, headers, body = fetch(site_without_database + path)
    assert status == 503
    assert headers["Retry-After"] == "5"
    assert "no-store" in headers["Cache-Control"]
    assert 'lang="ar" dir="rtl"' in body
    assert "الموقع غير متاح مؤقتًا" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_a_comment_sent_during_the_outage_gets_the_503_page(site_without_database):
    # The form's token comes from an endpoint that needs no database, as on a cached page.
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    token = json.loads(opener.open(site_without_database + "/comments/form-token/").read())
    form = {"name": "قارئ", "email": "r@example.com", "body": "تعليق", "issued": token["issued"]}
    request = urllib.request.Request(
        site_without_database + "/comments/post/1/",
        data=urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token["csrf"]}).encode(),
        headers={"Referer": site_without_database + "/"},
    )
    try:
        opener.open(request, timeout=30)
        pytest.fail("a comment was answered with success while the database was down")
    except urllib.error.HTTPError as error:
        assert error.code == 503
        assert "الموقع غير متاح مؤقتًا" in error.read().decode()
