"""What a feed reader sees of comments: the approved ones of public articles, escaped, and no
commenter's e-mail address; the cached feed changes when a comment is approved."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.services import moderate_comment
from tests.factories import ArticleFactory, CommentFactory
from tests.wsgi import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

DC = "{http://purl.org/dc/elements/1.1/}"


def advertised_feeds(client, page):
    """The feeds a page names in its <head>, as a feed reader finds them: {title: address}."""
    html = client.get(page).content.decode()
    links = re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="([^"]*)" href="([^"]*)"', html
    )
    return {unescape(title): href for title, href in links}


def site_feed(client):
    return next(
        href for title, href in advertised_feeds(client, "/").items() if "التعليقات" in title
    )


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item"), response.content.decode()


def article_feed(article, client=None):
    """The article's comment feed as its page names it; a page that is gone names none, so
    for a draft the address is the one the page named while it was public."""
    address = reverse("comments:article-feed", kwargs={"article_id": article.pk})
    if article.is_public:
        feeds = advertised_feeds(client or Client(), article.get_absolute_url())
        assert feeds[f"التعليقات على «{article.title}»"] == address
    return address


def test_the_site_feed_has_approved_comments_of_public_articles_only_newest_first(client):
    live = ArticleFactory(title="خبر منشور")
    older = CommentFactory(article=live, body="تعليق أقدم")
    newer = CommentFactory(article=live, name="هدى", body="تعليق أحدث")
    CommentFactory(article=live, body="تعليق محجوز", status="pending")
    CommentFactory(article=live, body="تعليق مزعج", status="spam")
    CommentFactory(article=ArticleFactory(status="draft"), body="على مسودة")
    CommentFactory(article=ArticleFactory(status="trash"), body="على خبر محذوف")
    newer.created_at = older.created_at.replace(year=older.created_at.year + 1)
    newer.save()

    found, xml = items(client, site_feed(client))
    assert [item.findtext("description") for item in found] == [
        "تعليق أحدث",
        "تعليق أقدم",
    ]
    first = found[0]
    assert "هدى" in first.findtext("title") and "خبر منشور" in first.findtext("title")
    assert first.findtext(f"{DC}creator") == "هدى"
    assert first.findtext("link").endswith(f"{live.get_absolute_url()}#comment-{newer.pk}")
    assert first.find("author") is None
    for hidden in ["محجوز", "مزعج", "على مسودة", "على خبر محذوف"]:
        assert hidden not in xml


def test_no_address_of_any_commenter_is_in_either_feed(client):
    article = ArticleFactory()
    comments = [CommentFactory(article=article) for _ in range(3)]
    CommentFactory(article=article, status="pending", email="held@example.com")
    for url in [site_feed(Client()), article_feed(article)]:
        found, xml = items(client, url)
        assert len(found) == 3
        assert "@" not in xml, url
        assert all(comment.email not in xml for comment in comments)


def test_a_hostile_name_and_body_arrive_escaped_and_control_characters_dropped(client):
    article = ArticleFactory(title="خبر")
    CommentFactory(
        article=article,
        name='<img src=x onerror="alert(1)">\x0b',
        body="<script>alert(1)</script> https://example.org",
    )
    found, xml = items(client, article_feed(article))
    (item,) = found  # parsed: the control character did not break the XML
    assert "<script>" not in item.findtext("description")
    assert "&lt;script&gt;" in item.findtext("description")
    assert 'rel="nofollow ugc' in item.findtext("description")
    assert "<img" not in item.findtext("title") and "&lt;img" in item.findtext("title")
    assert "\x0b" not in xml


def test_an_articles_feed_has_its_own_comments_and_a_hidden_article_has_none(client):
    article, other = ArticleFactory(title="الأول"), ArticleFactory(title="الثاني")
    CommentFactory(article=article, body="على الأول")
    CommentFactory(article=other, body="على الثاني")
    found, xml = items(client, article_feed(article))
    assert [item.findtext("description") for item in found] == ["على الأول"]
    assert "الأول" in ET.fromstring(xml).findtext("./channel/title")
    draft = ArticleFactory(status="draft")
    CommentFactory(article=draft)
    assert client.get(article_feed(draft)).status_code == 404


def test_a_cached_feed_shows_a_comment_once_a_moderator_approves_it(
    wsgi_app, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    CommentFactory(article=article, body="أول تعليق")
    held = CommentFactory(article=article, body="تعليق كان محجوزاً", status="pending")
    # The addresses the pages name (the tests above); fetched here through the page cache.
    for url in [reverse("comments:feed"), reverse("comments:article-feed", args=[article.pk])]:
        get(wsgi_app, url)
        status, headers, body = get(wsgi_app, url)
        assert headers["X-Page-Cache"] == "hit" and "أول تعليق" in body
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(held, action="approve", by=moderator)
    assert Comment.objects.get(pk=held.pk).is_approved
    for url in [reverse("comments:feed"), reverse("comments:article-feed", args=[article.pk])]:
        status, headers, body = get(wsgi_app, url)
        assert "تعليق كان محجوزاً" in body, url
