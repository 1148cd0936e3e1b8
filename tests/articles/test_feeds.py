"""What a feed reader sees: well-formed RSS and Atom of public articles, sources credited."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse

from articles.feeds import SourcedAtomFeed, SourcedRssFeed
from articles.models import Article
from tests.clock import NOW
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    SourceFactory,
    TagFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"

pytestmark = pytest.mark.usefixtures("clock")


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def rss_items(root):
    return root.findall("./channel/item")


def atom_entries(root):
    return root.findall(f"{ATOM}entry")


def titles(root):
    if root.tag == "rss":
        return [item.findtext("title") for item in rss_items(root)]
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(root)]


def feed_urls(section, tag):
    return [
        reverse("feeds:site-rss"),
        reverse("feeds:site-atom"),
        reverse("feeds:section-rss", kwargs={"slug": section.slug}),
        reverse("feeds:section-atom", kwargs={"slug": section.slug}),
        reverse("feeds:tag-rss", kwargs={"slug": tag.slug}),
        reverse("feeds:tag-atom", kwargs={"slug": tag.slug}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_site_feeds_list_published_articles_newest_first(client, url):
    ArticleFactory(title="خبر الأمس", published_at=NOW - timedelta(days=1))
    ArticleFactory(title="خبر الصباح", published_at=NOW - timedelta(hours=2))
    ArticleFactory(title="مسودة سرية", status=Article.Status.DRAFT)
    ArticleFactory(title="خبر الغد", published_at=NOW + timedelta(minutes=1))
    assert titles(fetch(client, url)) == ["خبر الصباح", "خبر الأمس"]


@pytest.mark.django_db
def test_a_scheduled_article_enters_the_feed_when_its_time_comes(client, clock):
    ArticleFactory(title="خبر مجدول", published_at=NOW + timedelta(hours=1))
    assert titles(fetch(client, "/feed/")) == []
    clock.move_to(NOW + timedelta(hours=1))
    assert titles(fetch(client, "/feed/")) == ["خبر مجدول"]


@pytest.mark.django_db
def test_feeds_hold_the_thirty_newest_articles(client):
    for minutes in range(31):
        ArticleFactory(title=f"خبر {minutes}", published_at=NOW - timedelta(minutes=minutes))
    found = titles(fetch(client, "/feed/"))
    assert len(found) == 30
    assert found[0] == "خبر 0" and "خبر 30" not in found


@pytest.mark.django_db
def test_rss_item_has_link_dates_author_and_categories(client, django_user_model):
    author = django_user_model.objects.create_user(
        "huda", "huda@example.com", "pw", first_name="هدى", last_name="سالم"
    )
    tags = [TagFactory(name="اقتصاد"), TagFactory(name="نفط")]
    article = ArticleFactory(
        author=author,
        category=CategoryFactory(name="أعمال"),
        excerpt="ارتفعت الأسعار & تراجع الطلب.",
        published_at=NOW - timedelta(hours=3),
        tags=tags,
    )
    (item,) = rss_items(fetch(client, "/feed/"))
    assert item.findtext("link") == "http://testserver" + article.get_absolute_url()
    assert parsedate_to_datetime(item.findtext("pubDate")) == NOW - timedelta(hours=3)
    assert item.findtext(f"{DC}creator") == "هدى سالم"
    assert item.find("author") is None
    assert sorted(c.text for c in item.findall("category")) == ["أعمال", "اقتصاد", "نفط"]
    assert item.findtext("description") == "<p>ارتفعت الأسعار &amp; تراجع الطلب.</p>"


@pytest.mark.django_db
def test_atom_entry_has_published_updated_and_author_name_only(client, django_user_model):
    author = django_user_model.objects.create_user("sami", "sami@example.com", "pw")
    article = ArticleFactory(author=author, published_at=NOW - timedelta(hours=3))
    Article.objects.filter(pk=article.pk).update(updated_at=NOW - timedelta(hours=1))
    (entry,) = atom_entries(fetch(client, "/feed/atom/"))
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver" + article.get_absolute_url()
    )
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert (published, updated) == (NOW - timedelta(hours=3), NOW - timedelta(hours=1))
    author_element = entry.find(f"{ATOM}author")
    assert author_element.findtext(f"{ATOM}name") == "sami"
    assert author_element.find(f"{ATOM}email") is None


@pytest.mark.django_db
def test_no_email_address_appears_in_any_feed(client, django_user_model):
    users = django_user_model.objects
    named = users.create_user("writer", "writer@example.com", "pw", first_name="كاتب")
    plain = users.create_user("reporter", "reporter@example.com", "pw")
    # An account whose username is its e-mail address: no author at all rather than the address.
    email_login = users.create_user("desk@example.com", "desk@example.com", "pw")
    section, tag = CategoryFactory(), TagFactory()
    for author in (named, plain, email_login):
        article = ArticleFactory(author=author, category=section, tags=[tag])
        CommentFactory(article=article, email="commenter@example.com")
    for url in feed_urls(section, tag):
        body = client.get(url).content.decode()
        assert "@" not in body, url
        assert "كاتب" in body and "reporter" in body, url


@pytest.mark.django_db
def test_a_republished_article_credits_and_links_its_source(client):
    source = SourceFactory(name="وكالة الأنباء", homepage="https://agency.example/")
    ArticleFactory(
        title="خبر منقول",
        source=source,
        original_url="https://agency.example/news/42?lang=ar&page=1",
        excerpt="ملخص الخبر.",
    )
    ArticleFactory(title="خبر خاص", published_at=NOW - timedelta(days=1))
    original = "https://agency.example/news/42?lang=ar&page=1"

    sourced, own = rss_items(fetch(client, "/feed/"))
    credit = sourced.findtext("description").rsplit("<p>", 1)[1]
    assert (
        "وكالة الأنباء" in credit
        and 'href="https://agency.example/news/42?lang=ar&amp;page=1"' in credit
    )
    assert sourced.find("source").get("url") == original
    assert sourced.findtext("source") == "وكالة الأنباء"
    assert own.find("source") is None and "agency" not in own.findtext("description")

    sourced, own = atom_entries(fetch(client, "/feed/atom/"))
    assert sourced.find(f"{ATOM}link[@rel='via']").get("href") == original
    assert "وكالة الأنباء" in sourced.findtext(f"{ATOM}summary")
    assert own.find(f"{ATOM}link[@rel='via']") is None


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["feeds:site-rss", "feeds:site-atom"])
def test_control_characters_never_break_a_feed(client, url_name):
    article = ArticleFactory(
        source=SourceFactory(name="وكالة\x01 الأنباء"),
        excerpt="ملخص\x0c الخبر",
        tags=[TagFactory(name="وسم\x1b خاص")],
    )
    # Saving cleans a title; an import that writes rows directly must not break the feed either.
    Article.objects.filter(pk=article.pk).update(title="عنوان\x0b فيه\x08 محارف\x1f تحكم")
    root = fetch(client, reverse(url_name))
    assert titles(root) == ["عنوان فيه محارف تحكم"]
    text = ET.tostring(root, encoding="unicode")
    assert "وكالة الأنباء" in text and "ملخص الخبر" in text and "وسم خاص" in text


@pytest.mark.parametrize("generator", [SourcedRssFeed, SourcedAtomFeed])
def test_the_feed_generators_drop_nul_and_other_controls(generator):
    feed = generator(title="موقع\x00", link="https://news.example/", description="وصف\x0b")
    feed.add_item(
        title="عنوان\x00 الخبر\x0b",
        link="https://news.example/a/",
        description="<p>نص\x00</p>",
        categories=["قسم\x00"],
        source_name="مصدر\x00",
        source_url="https://agency.example/1",
    )
    root = ET.fromstring(feed.writeString("utf-8"))
    text = ET.tostring(root, encoding="unicode")
    assert "عنوان الخبر" in text and "\x00" not in text and "\x0b" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_lists_only_that_section(client, kind):
    sport, culture = CategoryFactory(name="رياضة"), CategoryFactory(name="ثقافة")
    ArticleFactory(category=sport, title="مباراة اليوم")
    ArticleFactory(category=culture, title="معرض الكتاب")
    ArticleFactory(category=sport, title="مباراة مؤجلة", status=Article.Status.DRAFT)
    root = fetch(client, reverse(f"feeds:section-{kind}", kwargs={"slug": sport.slug}))
    assert titles(root) == ["مباراة اليوم"]
    feed_title = root.findtext("./channel/title") or root.findtext(f"{ATOM}title")
    assert "رياضة" in feed_title


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_tag_feed_lists_only_published_articles_with_that_tag(client, kind):
    oil, gold = TagFactory(name="نفط"), TagFactory(name="ذهب")
    ArticleFactory(title="أسعار النفط", tags=[oil, gold])
    ArticleFactory(title="أسعار الذهب", tags=[gold])
    ArticleFactory(title="نفط الغد", tags=[oil], published_at=NOW + timedelta(days=1))
    root = fetch(client, reverse(f"feeds:tag-{kind}", kwargs={"slug": oil.slug}))
    assert titles(root) == ["أسعار النفط"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/sections/لا-يوجد/feed/", "/sections/لا-يوجد/feed/atom/", "/tags/لا-يوجد/feed/"],
)
def test_an_unknown_section_or_tag_feed_is_404(client, url):
    CategoryFactory()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client):
    section = CategoryFactory()
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/feed/"' in home
    assert 'type="application/atom+xml"' in home and 'href="/feed/atom/"' in home
    page = client.get(section.get_absolute_url()).content.decode()
    assert f'href="{reverse("feeds:section-rss", kwargs={"slug": section.slug})}"' in page
    assert f'href="{reverse("feeds:section-atom", kwargs={"slug": section.slug})}"' in page


@pytest.mark.django_db
def test_a_tag_page_announces_its_feeds(client):
    from tests.factories import ArticleFactory, TagFactory

    tag = TagFactory()
    ArticleFactory(tags=[tag])
    page = client.get(tag.get_absolute_url()).content.decode()
    for name in ("feeds:tag-rss", "feeds:tag-atom"):
        assert f'href="{reverse(name, args=[tag.slug])}"' in page
