"""What a crawler sees: sitemaps of public pages only, a Google News sitemap, robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest

from articles.models import Article, SiteSettings
from articles.sitemaps import ArticleSitemap
from tests.clock import NOW
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HOST = "news.example.org"


@pytest.fixture(autouse=True)
def public_host(settings):
    settings.ALLOWED_HOSTS = [HOST]


def fetch(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


def absolute(path):
    return f"http://{HOST}{path}"


def test_the_index_lists_articles_sections_and_tags_on_the_requested_host(client):
    ArticleFactory()
    assert locations(fetch(client, "/sitemap.xml")) == [
        absolute("/sitemaps/articles.xml"),
        absolute("/sitemaps/sections.xml"),
        absolute("/sitemaps/tags.xml"),
    ]


def test_the_articles_sitemap_lists_published_articles_with_their_last_change(client):
    older = ArticleFactory(published_at=NOW - timedelta(days=3))
    newer = ArticleFactory(published_at=NOW - timedelta(hours=1))
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(published_at=NOW + timedelta(hours=1))
    Article.objects.filter(pk=older.pk).update(updated_at=NOW - timedelta(days=2))
    root = fetch(client, "/sitemaps/articles.xml")
    found = locations(root)
    assert found == [absolute(newer.get_absolute_url()), absolute(older.get_absolute_url())]
    assert absolute(draft.get_absolute_url()) not in found
    assert absolute(scheduled.get_absolute_url()) not in found
    # Dates are the newsroom's (Asia/Riyadh): 09:00 UTC is noon there, the same day.
    assert [e.text for e in root.iter(f"{SM}lastmod")] == ["2026-03-01", "2026-02-27"]


def test_the_articles_sitemap_is_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(3)
    index = locations(fetch(client, "/sitemap.xml"))
    assert absolute("/sitemaps/articles.xml?p=2") in index
    assert len(locations(fetch(client, "/sitemaps/articles.xml?p=2"))) == 1
    assert client.get("/sitemaps/articles.xml?p=3", HTTP_HOST=HOST).status_code == 404


def test_the_sections_sitemap_lists_every_section(client):
    sections = [CategoryFactory(position=1), CategoryFactory(position=2)]
    assert locations(fetch(client, "/sitemaps/sections.xml")) == [
        absolute(section.get_absolute_url()) for section in sections
    ]


def test_the_tags_sitemap_lists_only_tags_of_published_articles(client):
    public, draft_only, scheduled_only = (
        TagFactory(name="أ"),
        TagFactory(name="ب"),
        TagFactory(name="ت"),
    )
    TagFactory(name="ث")  # on no article at all
    ArticleFactory.create_batch(2, tags=[public])
    ArticleFactory(tags=[draft_only], status=Article.Status.DRAFT)
    ArticleFactory(tags=[scheduled_only], published_at=NOW + timedelta(days=1))
    found = locations(fetch(client, "/sitemaps/tags.xml"))
    assert found == [absolute(public.get_absolute_url())]


def test_the_news_sitemap_lists_only_the_last_48_hours(client):
    site = SiteSettings.current()
    site.site_name = "صحيفة الاختبار"
    site.save()
    fresh = ArticleFactory(title="خبر الساعة", published_at=NOW - timedelta(hours=1))
    ArticleFactory(title="خبر أول أمس", published_at=NOW - timedelta(hours=47, minutes=59))
    ArticleFactory(title="خبر قديم", published_at=NOW - timedelta(hours=48, minutes=1))
    ArticleFactory(title="خبر مجدول", published_at=NOW + timedelta(minutes=5))
    ArticleFactory(title="مسودة", status=Article.Status.DRAFT)
    root = fetch(client, "/sitemap-news.xml")
    news = root.findall(f"{SM}url/{NEWS}news")
    assert [n.findtext(f"{NEWS}title") for n in news] == ["خبر الساعة", "خبر أول أمس"]
    first = news[0]
    assert root.findtext(f"{SM}url/{SM}loc") == absolute(fresh.get_absolute_url())
    assert first.findtext(f"{NEWS}publication/{NEWS}name") == "صحيفة الاختبار"
    assert first.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
    published = datetime.fromisoformat(first.findtext(f"{NEWS}publication_date"))
    assert published == NOW - timedelta(hours=1)


def test_the_news_sitemap_drops_an_article_once_it_is_two_days_old(client, clock):
    ArticleFactory(title="خبر الساعة", published_at=NOW - timedelta(hours=1))
    clock.move_to(NOW + timedelta(hours=47))
    assert len(fetch(client, "/sitemap-news.xml").findall(f"{SM}url")) == 1
    clock.move_to(NOW + timedelta(hours=48))
    assert fetch(client, "/sitemap-news.xml").findall(f"{SM}url") == []


def test_the_news_sitemap_stays_well_formed_with_markup_and_controls_in_a_title(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(title='عنوان\x0b "مقتبس" <b>&</b>')
    root = fetch(client, "/sitemap-news.xml")
    assert root.findtext(f"{SM}url/{NEWS}news/{NEWS}title") == 'عنوان "مقتبس" <b>&</b>'


def test_robots_txt_allows_all_but_the_admin_and_names_both_sitemaps(client):
    response = client.get("/robots.txt", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:3] == ["User-agent: *", "Disallow: /admin/", "Allow: /"]
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {absolute('/sitemap.xml')}",
        f"Sitemap: {absolute('/sitemap-news.xml')}",
    ]


def test_the_index_dates_the_articles_sitemap_by_the_newest_public_change(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(updated_at=NOW - timedelta(days=2))
    ArticleFactory(status=Article.Status.DRAFT)  # changed now, but not public
    lastmod = fetch(client, "/sitemap.xml").findtext(f"{SM}sitemap/{SM}lastmod")
    assert datetime.fromisoformat(lastmod) == NOW - timedelta(days=2)
