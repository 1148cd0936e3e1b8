"""Build the article described by ../shared/fixtures/seed-article-ar.txt (see its README)."""

from articles.models import Article, RecommendedStory, SiteSettings, Source
from demo.seedfile import Seed
from tests.factories import ArticleFactory, CategoryFactory

SITE_NAME = "اشراق العالم 24"


def build_seed_article(text):
    """Create the seed article (published, from a source) with 3 recommended and 3 related."""
    seed = Seed.parse(text)
    site = SiteSettings.current()
    site.site_name = SITE_NAME
    site.save()
    section = CategoryFactory(name=seed.section, slug="أخبار-العالم")
    source = Source.objects.create(name="الجزيرة نت", homepage="https://example.net/")
    article = ArticleFactory(
        title=seed.disclaimer_title,  # as an automatic import would leave it
        category=section,
        body=seed.body_html(),
        source=source,
        original_url="https://example.net/news/2025/12/15/isis-attacks",
        external_id=f"feed:{source.pk}:seed",  # the feed importer's: its wording says so
    )
    stories = ArticleFactory.create_batch(3, category=CategoryFactory(slug="سياسة"))
    for position, story in enumerate(stories, start=1):
        RecommendedStory.objects.create(article=article, story=story, position=position)
    related = ArticleFactory.create_batch(3, category=section)
    return seed, Article.objects.get(pk=article.pk), stories, related
