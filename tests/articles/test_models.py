from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.slugs import SLUG_MAX_LENGTH
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_arabic_title():
    article = ArticleFactory(title="هجمات داعش في سوريا")
    assert article.slug == "هجمات-داعش-في-سوريا"


def test_slugs_stay_unique_for_equal_titles():
    first = ArticleFactory(title="خبر عاجل")
    second = ArticleFactory(title="خبر عاجل")
    assert (first.slug, second.slug) == ("خبر-عاجل", "خبر-عاجل-2")


def test_long_titles_give_slugs_cut_at_a_word_and_unique():
    title = " ".join(["كلمةطويلة"] * 29)  # 289 characters, within the title limit
    first, second = ArticleFactory(title=title), ArticleFactory(title=title)
    assert len(first.slug) <= SLUG_MAX_LENGTH and len(second.slug) <= SLUG_MAX_LENGTH
    assert first.slug.endswith("كلمةطويلة") and second.slug.endswith("-2")


def test_tatweel_is_left_out_of_slugs():
    assert ArticleFactory(title="عـاجـل").slug == "عاجل"


def test_title_is_normalised_on_save():
    article = ArticleFactory(title="  تحليل: هجمات\nداعش \n")
    article.refresh_from_db()
    assert article.title == "تحليل: هجمات داعش"


def test_body_is_cleaned_on_save():
    article = ArticleFactory(body='<p onclick="x()">نص</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>نص</p>"


def test_published_excludes_drafts_and_future_articles(clock):
    public = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert list(Article.objects.published()) == [public]


def test_related_articles_share_section_or_tag_newest_first_published_only():
    section, elsewhere = CategoryFactory(), CategoryFactory()
    tag = TagFactory()
    article = ArticleFactory(category=section, tags=[tag])
    old = ArticleFactory(category=section, published_at=timezone.now() - timedelta(days=3))
    tagged = ArticleFactory(category=elsewhere, tags=[tag])
    ArticleFactory(category=elsewhere)  # shares nothing
    ArticleFactory(category=section, status=Article.Status.DRAFT)
    assert list(article.related_articles()) == [tagged, old]


def test_related_articles_are_the_newest_of_both_kinds_each_once():
    section, elsewhere = CategoryFactory(), CategoryFactory()
    tag = TagFactory()
    article = ArticleFactory(category=section, tags=[tag])
    now = timezone.now()
    made = {}
    for hours in range(1, 9):  # alternate: same section; other section with the tag; both
        kind = ("section", "tag", "both")[hours % 3]
        made[hours] = ArticleFactory(
            category=elsewhere if kind == "tag" else section,
            tags=[] if kind == "section" else [tag],
            published_at=now - timedelta(hours=hours),
        )
    assert list(article.related_articles(limit=4)) == [made[1], made[2], made[3], made[4]]
    assert list(article.related_articles(limit=20)) == [made[h] for h in range(1, 9)]


def test_recommended_stories_keep_the_editors_order_and_hide_unpublished():
    article = ArticleFactory()
    first, second = ArticleFactory(), ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    for position, story in [(2, first), (1, second), (3, draft)]:
        article.recommendations.create(story=story, position=position)
    assert list(article.recommended_stories()) == [second, first]
