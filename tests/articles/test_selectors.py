"""The reads behind reader pages: what each selector returns, and at what cost in queries."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SiteSettings, SlugRedirect
from articles.selectors import (
    archive_articles,
    article_page,
    author_articles,
    home_page,
    moved_article,
    newest_by_section,
    next_publication,
    page_articles,
)
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory, TagFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_each_section_shows_its_newest_published_articles_in_menu_order():
    second, first = CategoryFactory(position=2), CategoryFactory(position=1)
    newest, newer, _ = (
        ArticleFactory(category=first, published_at=hours_ago(h)) for h in (1, 2, 3)
    )
    only = ArticleFactory(category=second, published_at=hours_ago(4))
    ArticleFactory(category=second, status=Article.Status.DRAFT)
    ArticleFactory(category=second, published_at=timezone.now() + timedelta(hours=1))
    with CaptureQueriesContext(connection) as queries:
        sections = newest_by_section(2)
    assert len(queries) == 1
    assert list(sections) == [first, second]
    assert sections[first] == [newest, newer] and sections[second] == [only]


def test_the_lead_story_is_the_featured_article_else_the_newest():
    older = ArticleFactory(published_at=hours_ago(5))
    newest = ArticleFactory(published_at=hours_ago(1))
    assert home_page()["lead"] == newest
    older.featured = True
    older.save()
    assert home_page()["lead"] == older


def test_an_empty_site_has_no_sections_and_no_lead():
    page = home_page()
    assert page["sections"] == {} and page["lead"] is None and list(page["recent"]) == []


def test_the_home_reads_its_sections_lead_and_recent_list_in_three_queries():
    for section in CategoryFactory.create_batch(4):
        ArticleFactory.create_batch(3, category=section)
    next_publication()  # known site-wide, kept until an article is saved
    with CaptureQueriesContext(connection) as queries:
        page = home_page()
        assert len(list(page["recent"])) == 5
    assert len(queries) == 3, [q["sql"] for q in queries]


def test_the_article_page_context_holds_attribution_related_recommended_and_breadcrumbs():
    section = CategoryFactory(name="اقتصاد")
    site = SiteSettings.current()
    site.site_name = "صحيفة الاختبار"
    site.save()
    article = ArticleFactory(category=section, title="ارتفاع الأسعار", source=SourceFactory())
    story = ArticleFactory()
    article.recommendations.create(story=story)
    sibling = ArticleFactory(category=section)
    context = article_page(article)
    assert context["article"] == article and context["preview"] is False
    assert context["recommended"] == [story]
    assert context["related"] == [sibling]
    assert "صحيفة الاختبار" in context["disclaimer"] and context["lead_in"]
    assert context["breadcrumbs"] == [
        ("اقتصاد", section.get_absolute_url()),
        ("ارتفاع الأسعار", None),
    ]


def test_a_draft_is_marked_as_a_preview():
    assert article_page(ArticleFactory(status=Article.Status.DRAFT))["preview"] is True


def test_page_articles_bring_section_source_author_and_tags_in_one_query():
    article = ArticleFactory(source=SourceFactory(), tags=TagFactory.create_batch(2))
    with CaptureQueriesContext(connection) as queries:
        found = page_articles().published().get(pk=article.pk)
        found.category.name, found.source.name, found.author, found.tag_links
    assert len(queries) == 1


def test_an_old_slug_leads_to_the_article_only_while_it_is_public():
    article = ArticleFactory()
    SlugRedirect.objects.create(article=article, old_slug="عنوان-قديم")
    assert moved_article("عنوان-قديم") == article
    assert moved_article("لا-يوجد") is None
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert moved_article("عنوان-قديم") is None


def test_an_author_signing_with_an_email_address_has_no_public_name(django_user_model):
    hidden = django_user_model.objects.create_user("someone@example.com")
    named = django_user_model.objects.create_user("writer", first_name="سمير")
    ArticleFactory(author=hidden)
    mine = ArticleFactory(author=named)
    ArticleFactory(author=named, byline="مراسلنا")  # signed by another name: not listed
    assert author_articles(hidden)[0] is None
    name, articles = author_articles(named)
    assert name == "سمير" and list(articles) == [mine]


def test_the_archive_holds_a_year_or_one_month_of_it():
    march = ArticleFactory(published_at=timezone.make_aware(datetime(2025, 3, 5)))
    may = ArticleFactory(published_at=timezone.make_aware(datetime(2025, 5, 5)))
    assert list(archive_articles(2025)) == [may, march]
    assert list(archive_articles(2025, 3)) == [march]
    assert list(archive_articles(2024)) == []


def test_the_home_lists_are_kept_until_an_article_they_could_show_changes():
    ArticleFactory.create_batch(3)
    home_page()
    with CaptureQueriesContext(connection) as queries:
        home_page()
    assert len(queries) == 0
    newest = ArticleFactory(title="خبر أحدث")
    assert home_page()["recent"][0] == newest
