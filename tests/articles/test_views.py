from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_published_grouped_by_section(client, settings):
    settings.NEWSROOM_HOME_PER_SECTION = 2
    sport, culture = (
        CategoryFactory(name="رياضة", position=1),
        CategoryFactory(name="ثقافة", position=2),
    )
    now = timezone.now()
    sport_new = ArticleFactory(
        category=sport, title="مباراة اليوم", published_at=now - timedelta(hours=1)
    )
    ArticleFactory(category=sport, title="مباراة الأمس", published_at=now - timedelta(hours=2))
    ArticleFactory(category=sport, title="مباراة قديمة", published_at=now - timedelta(days=9))
    ArticleFactory(category=culture, title="معرض الكتاب", published_at=now - timedelta(hours=3))
    ArticleFactory(category=culture, title="مسودة ثقافية", status=Article.Status.DRAFT)
    html = client.get("/").content.decode()
    lead = html[html.index('id="lead-title"') : html.index('id="section-1"')]
    sport_block = html[html.index('id="section-1"') : html.index('id="section-2"')]
    culture_block = html[html.index('id="section-2"') : html.index('id="most-recent"')]
    assert escape(sport_new.get_absolute_url()) in lead
    assert sport_block.index("مباراة اليوم") < sport_block.index("مباراة الأمس")
    assert "رياضة" in sport_block and "معرض الكتاب" in culture_block
    assert "مباراة قديمة" not in sport_block  # beyond the two newest of its section
    assert "مسودة ثقافية" not in html


def test_section_page_is_paginated_newest_first(client, settings):
    settings.NEWSROOM_SECTION_PAGE_SIZE = 2
    section = CategoryFactory()
    now = timezone.now()
    titles = [f"خبر {n}" for n in range(5)]
    for hours, title in enumerate(titles, start=1):
        ArticleFactory(category=section, title=title, published_at=now - timedelta(hours=hours))
    first = client.get(section.get_absolute_url()).content.decode()
    third = client.get(section.get_absolute_url() + "?page=3").content.decode()
    assert "خبر 0" in first and "خبر 1" in first and "خبر 2" not in first
    assert "خبر 4" in third and "الصفحة 3 من 3" in third


def test_unknown_section_and_page_answer_404(client):
    section = CategoryFactory()
    response = client.get("/sections/لا-يوجد/")
    assert response.status_code == 404
    assert "الصفحة غير موجودة" in response.content.decode()
    assert client.get(section.get_absolute_url() + "?page=9").status_code == 404


@pytest.mark.parametrize(
    "attributes",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_drafts_and_scheduled_articles_are_404_to_readers_and_previewed_by_staff(
    client, editor, attributes
):
    article = ArticleFactory(title="سر التحرير", **attributes)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "معاينة: لا يستطيع القراء رؤية هذه المقالة بعد." in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_unpublished_articles_never_appear_in_lists(client):
    section = CategoryFactory()
    ArticleFactory(category=section, title="مسودة سرية", status=Article.Status.DRAFT)
    ArticleFactory(
        category=section, title="خبر الغد", published_at=timezone.now() + timedelta(hours=1)
    )
    for url in ["/", section.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "مسودة سرية" not in html and "خبر الغد" not in html


def test_article_page_query_count_does_not_grow_with_related_and_recommended(client):
    article = ArticleFactory()
    for story in ArticleFactory.create_batch(3):
        article.recommendations.create(story=story)
    ArticleFactory.create_batch(8, category=article.category)
    client.get(article.get_absolute_url())  # fill the settings, menu and comments caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    # The article with its section, source and author; recommended stories (related
    # articles and comments are kept until their lists change).
    assert len(queries) == 2, [q["sql"] for q in queries]


def test_arabic_slugs_resolve_both_raw_and_percent_encoded(client):
    article = ArticleFactory(title="أخبار المدينة")
    encoded = reverse("articles:detail", kwargs={"slug": article.slug})
    assert "%D8" in encoded
    assert client.get(encoded).status_code == 200
    assert client.get(f"/articles/{article.slug}/").status_code == 200
