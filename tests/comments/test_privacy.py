"""No commenter's email or IP address reaches any public page."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from articles.models import SiteSettings
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
IPV4 = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def crawl(client, start="/", limit=400):
    seen, queue, pages = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        pages[url] = html
        parser = Links()
        parser.feed(html)
        for href in parser.found:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or parts.path.startswith(("/admin", "/static")):
                continue
            queue.append(parts.path + ("?" + parts.query if parts.query else ""))
    return pages


def test_no_email_or_ip_appears_on_any_public_page(client, settings):
    settings.NEWSROOM_SECTION_PAGE_SIZE = 2
    site = SiteSettings.current()
    site.site_name = "موقع الاختبار"
    site.save()
    emails = []
    for section in CategoryFactory.create_batch(2):
        for article in ArticleFactory.create_batch(3, category=section):
            for n, status in enumerate(["approved", "approved", "pending", "spam", "trash"]):
                email = f"person{article.pk}-{n}@example.com"
                emails.append(email)
                parent = CommentFactory(
                    article=article,
                    email=email,
                    status=status,
                    ip=f"203.0.113.{n}",
                    url=f"https://person{n}.example",
                )
                if status == "approved":
                    CommentFactory(
                        article=article, parent=parent, email="reply-" + email, ip=f"2001:db8::{n}"
                    )
    pages = crawl(client)
    assert len(pages) > 12  # home, sections with their pages, articles, reply links
    assert any("comments-page" in url or "replytocom" in url for url in pages)
    for url, html in pages.items():
        assert not EMAIL.search(html), (url, EMAIL.search(html).group())
        assert not IPV4.search(html), (url, IPV4.search(html).group())
        assert "2001:db8" not in html, url
        assert "gravatar" not in html.lower()
