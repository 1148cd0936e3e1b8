"""What a crawler or a sharing preview reads from an article page's head."""

import json
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest

from articles.models import SiteSettings
from tests.clock import NOW
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory, TagFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

BREAKOUT = "</script><script>alert(1)</script>"


class Head(HTMLParser):
    """The meta and link tags and the JSON-LD blocks of a page, read as a browser would."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._in_json_ld = attrs.get("type") == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def one(self, key):
        (value,) = self.meta[key]
        return value


def head_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return Head(response.content.decode())


def json_ld(head):
    (block,) = head.json_ld
    return json.loads(block)


@pytest.fixture
def article(django_user_model):
    author = django_user_model.objects.create_user(
        "huda", "huda@example.com", "pw", first_name="هدى", last_name="سالم"
    )
    return ArticleFactory(
        title="افتتاح مكتبة المدينة",
        author=author,
        category=CategoryFactory(name="ثقافة"),
        excerpt="افتتحت البلدية مكتبة جديدة في وسط المدينة.",
        published_at=NOW - timedelta(hours=2),
        tags=[TagFactory(name="كتب"), TagFactory(name="بلدية")],
    )


def test_the_page_has_a_canonical_link_and_opengraph_tags(client, article):
    head = head_of(client, article)
    url = "http://testserver" + article.get_absolute_url()
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [url]
    assert head.one("og:type") == "article"
    assert head.one("og:title") == "افتتاح مكتبة المدينة"
    assert head.one("og:description") == "افتتحت البلدية مكتبة جديدة في وسط المدينة."
    assert head.one("og:url") == url
    assert head.one("og:site_name") == SiteSettings.current().site_name
    assert head.one("og:locale") == "ar_AR"
    assert datetime.fromisoformat(head.one("article:published_time")) == NOW - timedelta(hours=2)
    assert datetime.fromisoformat(head.one("article:modified_time")) == NOW
    assert head.one("article:section") == "ثقافة"


def test_without_an_image_the_card_is_a_summary(client, article):
    head = head_of(client, article)
    assert head.one("twitter:card") == "summary"
    assert "og:image" not in head.meta and "image" not in json_ld(head)


def test_with_an_image_the_card_is_large_and_the_image_url_absolute(client):
    article = ArticleFactory(
        body='<p>نص.</p><figure><img src="/media/library.jpg" alt=""></figure>'
    )
    head = head_of(client, article)
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("og:image") == "http://testserver/media/library.jpg"
    assert json_ld(head)["image"] == ["http://testserver/media/library.jpg"]


def test_the_description_falls_back_to_the_body_as_plain_text(client):
    article = ArticleFactory(
        excerpt="", body="<p>الفقرة &amp; <strong>الأولى</strong>.</p><p>ثم الثانية.</p>"
    )
    assert head_of(client, article).one("description") == "الفقرة & الأولى. ثم الثانية."


def test_the_json_ld_describes_a_news_article(client, article):
    data = json_ld(head_of(client, article))
    url = "http://testserver" + article.get_absolute_url()
    site_name = SiteSettings.current().site_name
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "افتتاح مكتبة المدينة"
    assert datetime.fromisoformat(data["datePublished"]) == NOW - timedelta(hours=2)
    assert datetime.fromisoformat(data["dateModified"]) == NOW
    assert data["author"] == {"@type": "Person", "name": "هدى سالم"}
    assert data["publisher"] == {"@type": "Organization", "name": site_name}
    assert data["articleSection"] == "ثقافة"
    assert data["inLanguage"] == "ar"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["description"] == "افتتحت البلدية مكتبة جديدة في وسط المدينة."


def test_is_based_on_names_the_original_item_only_when_there_is_one(client):
    original = "https://agency.example/news/42?lang=ar&page=1"
    sourced = ArticleFactory(source=SourceFactory(), original_url=original)
    own = ArticleFactory()
    assert json_ld(head_of(client, sourced))["isBasedOn"] == original
    assert "isBasedOn" not in json_ld(head_of(client, own))


def test_a_script_in_the_title_cannot_break_out_of_the_json_ld(client):
    article = ArticleFactory(title="عنوان " + BREAKOUT)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    head = Head(html)
    assert json_ld(head)["headline"] == "عنوان " + BREAKOUT
    assert "<script>alert(1)" not in html
    assert head.one("og:title") == "عنوان " + BREAKOUT


def test_an_authors_email_never_reaches_the_metadata(client, django_user_model):
    author = django_user_model.objects.create_user("desk@example.com", "desk@example.com", "pw")
    article = ArticleFactory(author=author)
    html = client.get(article.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert "@example.com" not in head
    site_name = SiteSettings.current().site_name
    assert json_ld(Head(html))["author"] == {"@type": "Organization", "name": site_name}
