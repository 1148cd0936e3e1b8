"""Tag, author and archive pages, breadcrumbs, the home's lists and the one date format."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, SiteSettings
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_tag_page_lists_its_published_articles(client):
    tag = TagFactory(name="الطاقة")
    ArticleFactory(title="مزرعة شمسية", tags=[tag])
    ArticleFactory(title="مسودة طاقة", tags=[tag], status=Article.Status.DRAFT)
    ArticleFactory(title="خبر آخر")
    html = page(client, tag.get_absolute_url())
    assert "الوسم: الطاقة" in html and "مزرعة شمسية" in html
    assert "مسودة طاقة" not in html and "خبر آخر" not in html


def test_the_article_page_links_its_tags_and_author(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", "w@example.com", first_name="سمير")
    tag = TagFactory(name="الطاقة")
    article = ArticleFactory(author=writer, tags=[tag])
    html = page(client, article.get_absolute_url())
    assert f'href="{tag.get_absolute_url()}"' in html
    assert f'href="/authors/{writer.pk}/"' in html
    author_page = page(client, f"/authors/{writer.pk}/")
    assert "مقالات سمير" in author_page and article.title in author_page
    assert "w@example.com" not in author_page


def test_an_author_known_only_by_an_email_address_has_no_page(client, django_user_model):
    writer = django_user_model.objects.create_user("someone@example.com")
    ArticleFactory(author=writer)
    assert client.get(f"/authors/{writer.pk}/").status_code == 404


def test_the_date_archive_by_month_and_year(client):
    march = timezone.make_aware(datetime(2026, 3, 10, 12))
    ArticleFactory(title="خبر مارس", published_at=march)
    ArticleFactory(title="خبر أبريل", published_at=march + timedelta(days=30))
    month = page(client, "/archive/2026/3/")
    assert "الأرشيف: مارس 2026" in month and "خبر مارس" in month and "خبر أبريل" not in month
    year = page(client, "/archive/2026/")
    assert "خبر مارس" in year and "خبر أبريل" in year
    assert client.get("/archive/2026/13/").status_code == 404


def test_breadcrumbs_lead_home_through_the_section(client):
    section = CategoryFactory(name="اقتصاد")
    article = ArticleFactory(category=section)
    html = page(client, article.get_absolute_url())
    crumbs = html[
        html.index('class="breadcrumb') : html.index("</ol>", html.index('class="breadcrumb'))
    ]
    assert crumbs.index("الرئيسية") < crumbs.index("اقتصاد") < crumbs.index(article.title)
    assert 'aria-current="page"' in crumbs


def test_the_home_lists_most_recent_and_most_commented(client):
    quiet = ArticleFactory(title="خبر هادئ")
    busy = ArticleFactory(title="خبر يشغل القراء", published_at=timezone.now() - timedelta(days=2))
    CommentFactory.create_batch(3, article=busy)
    CommentFactory.create_batch(5, article=quiet, status="spam")  # not counted
    html = page(client, "/")
    commented = html[html.index('id="most-commented"') :]
    assert "خبر يشغل القراء" in commented and "(3)" in commented
    assert "خبر هادئ" not in commented
    recent = html[html.index('id="most-recent"') : html.index('id="most-commented"')]
    assert recent.index("خبر هادئ") < recent.index("خبر يشغل القراء")


def test_dates_are_arabic_with_an_optional_hijri_date(client):
    at = timezone.make_aware(datetime(2026, 11, 28, 10, 30))
    with time_machine.travel(at + timedelta(hours=1), tick=False):
        article = ArticleFactory(published_at=at)
        assert "28 نوفمبر 2026" in page(client, article.get_absolute_url())
        settings = SiteSettings.current()
        settings.show_hijri_date = True
        settings.save()
        assert "18 جمادى الآخرة 1448 هـ" in page(client, article.get_absolute_url())


def test_arabic_error_pages_look_like_the_site(client):
    response = client.get("/لا-توجد-صفحة/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in html and 'dir="rtl"' in html and "bootstrap.rtl" in html


def test_the_500_page_is_arabic_and_needs_no_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "عذراً، حدث خطأ ما" in html and 'dir="rtl"' in html
