"""No commenter's email or IP address reaches any public page, feed, sitemap or error page.

A site where many people commented (approved, held, spam, trash; IPv4 and IPv6; two of them
through the real form, asking to be remembered) is crawled from the home page and robots.txt,
plus the pages no link leads to: search results, error pages, the form-token endpoint.
"""

import hashlib
import re
from html import unescape
from ipaddress import ip_address
from urllib.parse import quote, unquote

import pytest
from django.test import Client

from articles.models import SiteSettings
from comments.models import DiscussionSettings
from tests.crawler import Crawler
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
IPV6 = re.compile(r"(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])", re.IGNORECASE)
# Every commenter's email starts so, and nothing else on the site contains it.
LOCAL_PART = "private.reader"
FORM_BODY = "تعليق عبر النموذج في المدينة"
STATUSES = ["approved", "approved", "pending", "spam", "trash"]
KINDS = {
    "home": r"200 GET /$",
    "section": r"200 GET /sections/[^/]+/$",
    "section page 2": r"200 GET /sections/[^/]+/\?page=2$",
    "section RSS": r"200 GET /sections/[^/]+/feed/$",
    "section Atom": r"200 GET /sections/[^/]+/feed/atom/$",
    "tag": r"200 GET /tags/[^/]+/$",
    "tag page 2": r"200 GET /tags/[^/]+/\?page=2$",
    "tag RSS": r"200 GET /tags/[^/]+/feed/$",
    "tag Atom": r"200 GET /tags/[^/]+/feed/atom/$",
    "author": r"200 GET /authors/\d+/$",
    "month archive": r"200 GET /archive/\d+/\d+/$",
    "year archive": r"200 GET /archive/\d+/$",
    "article": r"200 GET /articles/[^/?]+/$",
    "article, comments page 2": r"200 GET /articles/[^/?]+/\?comments-page=2$",
    "article, replying": r"200 GET /articles/[^/?]+/\?replytocom=\d+$",
    "site RSS": r"200 GET /feed/$",
    "site Atom": r"200 GET /feed/atom/$",
    "robots.txt": r"200 GET /robots.txt$",
    "sitemap index": r"200 GET /sitemap.xml$",
    "articles sitemap": r"200 GET /sitemaps/articles.xml$",
    "sections sitemap": r"200 GET /sitemaps/sections.xml$",
    "tags sitemap": r"200 GET /sitemaps/tags.xml$",
    "news sitemap": r"200 GET /sitemap-news.xml$",
    "search with results": r"200 GET /search/\?q=[^&]+$",
    "search results page 2": r"200 GET /search/\?q=.+&page=2$",
    "form token": r"200 GET /comments/form-token/$",
}


def person(number):
    """A commenter's email and address: every other one on IPv6."""
    ip = (
        f"2001:db8:{number:x}::{number + 7:x}"
        if number % 2
        else f"198.51.{number // 250}.{number % 250 + 1}"
    )
    return f"{LOCAL_PART}{number}@post.example", ip


@pytest.fixture
def discussed_site(settings, django_user_model):
    """Six articles in two sections with two tags, each with five comments and some replies,
    every one from a person of their own."""
    settings.NEWSROOM_SECTION_PAGE_SIZE = 2
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"per_page": 1})
    site = SiteSettings.current()
    site.site_name = "موقع الاختبار"
    site.save()
    writer = django_user_model.objects.create_user("writer", first_name="سلمى", last_name="حداد")
    # An account named by its address: the byline must not give it away.
    mailbox = django_user_model.objects.create_user("desk@newsroom.example")
    tags, people, hidden = TagFactory.create_batch(2), [], []
    for section in CategoryFactory.create_batch(2):
        for number in range(3):
            article = ArticleFactory(
                category=section,
                author=writer if number else mailbox,
                tags=tags,
                title=f"خبر {number} عن المدينة",
            )
            for status in STATUSES:
                email, ip = person(len(people))
                people.append((email, ip))
                body = f"رأيي في المدينة: {status} {len(people)}"
                comment = CommentFactory(
                    article=article, email=email, ip=ip, status=status, body=body,
                    url=f"https://reader{len(people)}.example",
                )  # fmt: skip
                if status != "approved":
                    hidden.append(body)
                if status == "approved" and len(people) % 2:
                    email, ip = person(len(people))
                    people.append((email, ip))
                    CommentFactory(article=article, parent=comment, email=email, ip=ip)
    return article, people, hidden


def post_through_the_form(article, email, ip, body, comment_data):
    """A reader comments and asks to be remembered, then reads the page with the cookie."""
    reader = Client(REMOTE_ADDR=ip)
    data = comment_data(name=email.split("@")[0], email=email, body=body, remember="on")
    response = reader.post(f"/comments/post/{article.pk}/", data)
    assert response.status_code == 302
    page = reader.get(article.get_absolute_url()).content.decode()
    assert email in page  # their own form, prefilled: private to them, never shared


def error_pages(crawler, article, monkeypatch):
    crawler.fetch("/no-such-page/", 404)
    crawler.fetch("/articles/no-such-article/", 404)
    crawler.fetch("/authors/999999/", 404)
    crawler.fetch(article.category.get_absolute_url() + "?page=99", 404)
    crawler.fetch("/preview/not-a-token/", 410)
    crawler.fetch("/", 400, HTTP_HOST="bad host name")
    crawler.fetch(f"/comments/post/{article.pk}/", 405)
    crawler.client = Client(enforce_csrf_checks=True)
    crawler.fetch(f"/comments/post/{article.pk}/", 403, method="post", data={"body": "x"})
    crawler.client = Client(raise_request_exception=False)
    monkeypatch.setattr("comments.selectors.most_commented", broken)
    crawler.fetch("/", 500)


def broken(*args, **kwargs):
    raise RuntimeError("a fault, for the server-error page")


def leaks(text, people):
    """Each commenter's email or IP in any spelling, and whatever is shaped like one."""
    plain = unquote(unescape(text))
    folded = plain.lower()
    found = EMAIL.findall(plain) + [LOCAL_PART] * (LOCAL_PART in folded)
    found += [m for m in IPV4.findall(plain) if valid_ip(m)]
    found += [m for m in IPV6.findall(plain) if ("::" in m or m.count(":") == 7) and valid_ip(m)]
    for email, ip in people:
        # Avatars (Gravatar, Libravatar) would publish a hash of the address.
        hashes = [
            hashlib.md5(email.encode()).hexdigest(),
            hashlib.sha256(email.encode()).hexdigest(),
        ]
        spellings = [ip_address(ip).exploded, ip_address(ip).compressed, *hashes]
        found += [value for value in spellings if value in folded]
    return found


def valid_ip(value):
    try:
        return len(value) > 2 and bool(ip_address(value))
    except ValueError:
        return False


def test_a_crawl_of_the_public_site_finds_no_commenter_email_or_ip(
    client, discussed_site, comment_data, monkeypatch
):
    article, people, hidden = discussed_site
    for number in range(2):  # after the crawl's data, so these two are the newest comments
        email, ip = person(len(people))
        people.append((email, ip))
        hidden.append(f"{FORM_BODY} {number}")  # held: a first comment waits for a moderator
        post_through_the_form(article, email, ip, hidden[-1], comment_data)

    crawler = Crawler(client)
    # Words of the comments (the first also of the titles), part of their addresses, nothing.
    searches = ["المدينة", "رأيي", "post.example", "198.51", "لا-شيء-يطابق-هذا"]
    starts = ["/", "/robots.txt", "/comments/form-token/"]
    crawler.crawl(starts + [f"/search/?q={quote(query)}" for query in searches])
    error_pages(crawler, article, monkeypatch)

    visited = {
        kind
        for kind, pattern in KINDS.items()
        if any(re.match(pattern, key) for key in crawler.pages)
    }
    assert visited == set(KINDS), set(KINDS) - visited
    statuses = {status for status, _ in crawler.pages.values()}
    assert statuses == {200, 400, 403, 404, 405, 410, 500}
    assert len(crawler.pages) > 60
    assert "/articles/" in crawler.pages["200 GET /search/?q=" + quote(searches[0])][1]
    for key, (_status, text) in crawler.pages.items():
        assert leaks(text, people) == [], key
        assert not [body for body in hidden if body in text], key
