"""Feeds are fetched from the public internet only: an editor cannot make the server read its
own network (loopback, private ranges, cloud metadata), directly or through a redirect."""

import urllib.request

import pytest

from articles import ingest
from articles.fetching import PublicRedirects, refuse_private
from articles.models import SourceFeed
from tests.factories import SourceFactory


@pytest.fixture
def internet_only(settings):
    settings.NEWSROOM_FEEDS_FROM_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://localhost/feed",
        "http://10.0.0.8/rss",
        "http://192.168.1.1/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/rss",
        "http://0.0.0.0/rss",
    ],
)
def test_private_addresses_are_refused(internet_only, url):
    with pytest.raises(OSError, match="شبكة خاصة"):
        refuse_private(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x/"])
def test_only_http_and_https_are_fetched(internet_only, url):
    with pytest.raises(OSError, match="عناوين http وhttps"):
        refuse_private(url)


def test_a_redirect_into_the_private_network_is_not_followed(internet_only):
    request = urllib.request.Request("https://news.example.org/rss")
    with pytest.raises(OSError, match="شبكة خاصة"):
        PublicRedirects().redirect_request(request, None, 302, "Found", {}, "http://10.1.2.3/")


@pytest.mark.django_db
def test_a_private_feed_is_reported_and_imports_nothing(internet_only):
    source = SourceFactory()
    feed = SourceFeed.objects.create(source=source, url="http://127.0.0.1:9/rss")
    summary = ingest.import_feed_url(feed)
    assert summary.new == 0
    assert "شبكة خاصة" in summary.errors[0]
