"""What reader pages show, read here so that views only choose a selector and a template."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.cachetags import fragment, tag

from . import page_tags
from .bylines import public_byline
from .models import Article, SiteSettings, SlugRedirect

# Only the newest articles are ranked by section: ranking all 20,000 costs more than the rest
# of the home page.
HOME_CANDIDATES = 1000
RECENT_COUNT = 5


def home_page():
    """The home page: the newest few of every section, its lead story, the most recent; kept
    until an article the home page could show changes."""
    return fragment("home", [page_tags.HOME], _home_lists)


def _home_lists():
    sections = newest_by_section(settings.NEWSROOM_HOME_PER_SECTION)
    return {"sections": sections, "lead": lead_story(sections), "recent": list(most_recent())}


def newest_by_section(per_section):
    """{section: its newest articles}, sections in menu order, in one query."""
    newest = Article.objects.published().order_by("-published_at").values("pk")[:HOME_CANDIDATES]
    ranked = (
        Article.objects.filter(pk__in=newest)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("category_id"), order_by=F("published_at").desc()
            )
        )
        .filter(rank__lte=per_section)
        .select_related("category")
        .order_by("category__position", "category__name", "rank")
    )
    sections = {}
    for article in ranked:
        sections.setdefault(article.category, []).append(article)
    return sections


def lead_story(sections):
    """The featured article, else the newest of the sections' newest."""
    featured = Article.objects.published().filter(featured=True).for_listing().first()
    if featured:
        return featured
    firsts = (articles[0] for articles in sections.values())
    return max(firsts, key=lambda article: article.published_at, default=None)


def most_recent(count=RECENT_COUNT):
    return Article.objects.published().for_listing()[:count]


def page_articles():
    """Articles with what their page shows besides: section, source, author and tags, one query."""
    return Article.objects.select_related("category", "source", "author").with_tag_list()


def article_page(article):
    """Everything the article page shows around the article, whichever view answers."""
    site = SiteSettings.current()
    recommended = list(article.recommended_stories())
    # Its own page, and each recommended story shown by name (an editor's pick, any section).
    tag(page_tags.article(article.pk), *page_tags.shown(recommended))
    # Related stories come from its section's and tags' lists: kept until one of them changes.
    lists = [page_tags.section(article.category_id), *map(page_tags.tag, article.tag_ids)]
    related = fragment(f"related:{article.pk}", lists, lambda: list(article.related_articles()))
    return {
        "article": article,
        "lead_in": site.lead_in(article),
        "disclaimer": site.disclaimer(article),
        "recommended": recommended,
        "related": related,
        "preview": not article.is_public,
        "breadcrumbs": [
            (article.category.name, article.category.get_absolute_url()),
            (article.title, None),
        ],
    }


def moved_article(old_slug):
    """The public article that the slug named before it changed, or None."""
    moved = SlugRedirect.objects.filter(old_slug=old_slug).select_related("article").first()
    return moved.article if moved and moved.article.is_public else None


def section_articles(section):
    tag(page_tags.section(section.pk))
    return Article.objects.published().filter(category=section).for_listing()


def tagged_articles(label):
    tag(page_tags.tag(label.pk))
    return Article.objects.published().filter(tags=label).for_listing()


def author_articles(author):
    """The name the author signs with (None if there is none to show), and their articles."""
    tag(page_tags.author(author.pk))
    articles = Article.objects.published().filter(author=author, byline="")
    first = articles.select_related("author").first()
    return (public_byline(first) if first else None), articles.for_listing()


def archive_articles(year, month=None):
    tag(page_tags.ARCHIVE)
    articles = Article.objects.published().filter(published_at__year=year)
    if month:
        articles = articles.filter(published_at__month=month)
    return articles.for_listing()


NEXT_PUBLICATION = "articles:next-publication"  # forgotten on every save (articles.signals)
NOTHING_SCHEDULED = "none"


def next_publication():
    """When the next scheduled article goes live, or None; asked for by every page drawn, so
    kept in the cache until an article is saved or the time it names has come."""
    due = cache.get(NEXT_PUBLICATION)
    if due is None or (due != NOTHING_SCHEDULED and due <= timezone.now()):
        due = Article.objects.next_publication() or NOTHING_SCHEDULED
        cache.set(NEXT_PUBLICATION, due, 3600)
    return None if due == NOTHING_SCHEDULED else due
