"""Fetching feeds over real HTTP on loopback: conditional requests, timeouts, polling."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles import ingest
from articles.models import Article, SourceFeed
from articles.tasks import poll_sources
from tests.factories import CategoryFactory, SourceFactory
from tests.feeds import feed

pytestmark = pytest.mark.django_db

BODY = feed({"title": "خبر عبر الشبكة", "guid": "net-1", "description": "نص"})


class FeedHandler(BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        FeedHandler.requests.append(dict(self.headers))
        if self.path == "/slow":
            time.sleep(2)
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", '"v1"')
        self.send_header("Last-Modified", "Sat, 28 Nov 2026 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FeedHandler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def source():
    return SourceFactory(default_category=CategoryFactory(), publish_directly=True)


def test_a_second_fetch_is_conditional_and_a_304_imports_nothing(server, source):
    feed_row = SourceFeed.objects.create(source=source, url=server + "/rss")
    assert ingest.import_source(source).new == 1
    feed_row.refresh_from_db()
    assert (feed_row.etag, feed_row.last_modified) == ('"v1"', "Sat, 28 Nov 2026 10:00:00 GMT")
    summary = ingest.import_source(source)
    assert (summary.new, summary.errors) == (0, [])
    assert FeedHandler.requests[-1]["If-None-Match"] == '"v1"'
    assert FeedHandler.requests[-1]["If-Modified-Since"] == "Sat, 28 Nov 2026 10:00:00 GMT"
    feed_row.refresh_from_db()
    assert feed_row.last_result == "لم تتغير"


def test_a_slow_server_times_out_with_a_reason_and_nothing_breaks(server, source, monkeypatch):
    monkeypatch.setattr(ingest, "TIMEOUT_SECONDS", 0.5)
    SourceFeed.objects.create(source=source, url=server + "/slow")
    summary = ingest.import_source(source)
    assert summary.new == 0 and len(summary.errors) == 1
    assert not Article.objects.exists()


def test_unreachable_and_non_http_addresses_are_reported(source):
    SourceFeed.objects.create(source=source, url="http://127.0.0.1:9/feed")
    summary = ingest.import_source(source)
    assert len(summary.errors) == 1


def test_the_periodic_task_polls_active_sources_only(server, source):
    SourceFeed.objects.create(source=source, url=server + "/rss")
    idle = SourceFactory(active=False)
    SourceFeed.objects.create(source=idle, url=server + "/rss?idle")
    result = poll_sources.call()
    assert result["new"] == 1
    assert Article.objects.get().source == source
    assert Article.objects.get().is_public
