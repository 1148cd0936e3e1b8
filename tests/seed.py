"""Build the article described by ../shared/fixtures/seed-article-ar.txt (see its README)."""

import re
from dataclasses import dataclass

from django.utils.html import escape

from articles.models import Article, RecommendedStory, SiteSettings, Source
from tests.factories import ArticleFactory, CategoryFactory

SITE_NAME = "اشراق العالم 24"
QUOTED_TITLE = re.compile("“(.*?)”", re.DOTALL)


@dataclass
class Seed:
    section: str
    title: str
    disclaimer_title: str  # the title as the disclaimer quotes it, stray line break included
    body_lines: list
    headings: list

    @classmethod
    def parse(cls, text):
        lines = text.split("\n")
        body = [line for line in lines[14:83] if line.strip()]
        # The sub-headings are the short lines that end without punctuation.
        headings = [line for line in body if len(line.split()) <= 4 and not line.endswith(".")]
        return cls(
            section=lines[0].strip(),
            title=lines[2].strip(),
            disclaimer_title=QUOTED_TITLE.search("\n".join(lines[85:87])).group(1),
            body_lines=[lines[6], lines[8], *body],
            headings=headings,
        )

    def body_html(self):
        blocks = []
        for line in self.body_lines:
            if line in self.headings:
                blocks.append(f"<h2>{escape(line)}</h2>")
            elif line.startswith("“"):
                blocks.append(f"<blockquote><p>{escape(line)}</p></blockquote>")
            else:
                blocks.append(f"<p>{escape(line)}</p>")
        return "".join(blocks)


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
    )
    stories = ArticleFactory.create_batch(3, category=CategoryFactory(slug="سياسة"))
    for position, story in enumerate(stories, start=1):
        RecommendedStory.objects.create(article=article, story=story, position=position)
    related = ArticleFactory.create_batch(3, category=section)
    return seed, Article.objects.get(pk=article.pk), stories, related
