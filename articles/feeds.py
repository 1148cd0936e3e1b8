"""RSS 2.0 and Atom feeds of published articles: the whole site, one section, one tag."""

from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import Promise
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from core.cachetags import tag
from core.text import strip_controls

from . import page_tags
from .bylines import public_byline
from .models import Article, Category, SiteSettings, Tag

FEED_LENGTH = 30


def _clean(value):
    """Strip control characters from a text value, or from each of a list of them."""
    if isinstance(value, list | tuple):
        return [_clean(part) for part in value]
    if isinstance(value, str | Promise):
        return strip_controls(str(value))
    return value


class CleanTextMixin:
    """Strip control characters from every text value before it is written."""

    # XML 1.0 cannot carry most control characters even escaped: one stray \x0b in a title,
    # a source's name or an excerpt would make the whole feed unreadable.
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})


class SourcedRssFeed(CleanTextMixin, Rss201rev2Feed):
    """RSS 2.0 whose republished items carry <source url="…">, naming where they came from."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("source_url"):
            handler.addQuickElement("source", item["source_name"], {"url": item["source_url"]})


class SourcedAtomFeed(CleanTextMixin, Atom1Feed):
    """Atom whose republished entries carry <link rel="via">, pointing at the original."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("source_url"):
            handler.addQuickElement("link", "", {"rel": "via", "href": item["source_url"]})


def _source_url(article):
    if article.original_url:
        return article.original_url
    return article.source.homepage if article.source else ""


def _source_name(article):
    if article.source:
        return article.source.name
    return urlsplit(article.original_url).hostname if article.original_url else ""


def _credit(article):
    """A closing line naming where a republished article came from, or an empty string."""
    name = _source_name(article)
    if not name:
        return ""
    credit = _("Source: {name}").format(name=name)
    url = _source_url(article)
    if url:
        return format_html('<p><a href="{}">{}</a></p>', url, credit)
    return format_html("<p>{}</p>", credit)


class SiteFeed(Feed):
    """The newest published articles of the whole site, as RSS 2.0."""

    feed_type = SourcedRssFeed

    def title(self, obj):
        return _("{site} — latest news").format(site=SiteSettings.current().site_name)

    def description(self, obj):
        return _("The latest articles published by {site}.").format(
            site=SiteSettings.current().site_name
        )

    def link(self, obj):
        return reverse("articles:home")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        tag(page_tags.FEEDS, page_tags.SETTINGS)
        return (
            self.articles(obj)
            .for_listing()
            .select_related("source", "author")
            .prefetch_related("tags")[:FEED_LENGTH]
        )

    def item_title(self, article):
        # Escaped as Django does by default: many readers treat an RSS title as HTML (#6533).
        return escape(article.title)

    def item_description(self, article):
        text = format_html("<p>{}</p>", article.excerpt) if article.excerpt else article.body
        return text + _credit(article)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return public_byline(article)

    def item_author_email(self, article):
        return None  # an author's e-mail address is personal data, never published

    def item_categories(self, article):
        return [article.category.name, *(tag.name for tag in article.tags.all())]

    def item_extra_kwargs(self, article):
        return {"source_name": _source_name(article), "source_url": _source_url(article)}


class SectionFeed(SiteFeed):
    """The newest published articles of one section, as RSS 2.0."""

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, section):
        return _("{section} — latest news from {site}").format(
            section=section.name, site=SiteSettings.current().site_name
        )

    def description(self, section):
        return _("The latest articles in the {section} section.").format(section=section.name)

    def link(self, section):
        return section.get_absolute_url()

    def articles(self, section):
        return Article.objects.published().filter(category=section)


class TagFeed(SiteFeed):
    """The newest published articles with one tag, as RSS 2.0."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return _("{tag} — latest news from {site}").format(
            tag=tag.name, site=SiteSettings.current().site_name
        )

    def description(self, tag):
        return _("The latest articles tagged {tag}.").format(tag=tag.name)

    def link(self, tag):
        return tag.get_absolute_url()

    def articles(self, tag):
        return Article.objects.published().filter(tags=tag)


class AtomMixin:
    """Serve a feed as Atom: the description becomes the subtitle, titles are plain text."""

    feed_type = SourcedAtomFeed

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, article):
        # Atom titles are text, not HTML: RSS's escaping would show up as literal &quot;.
        return article.title


class SiteAtomFeed(AtomMixin, SiteFeed):
    """The newest published articles of the whole site, as Atom."""


class SectionAtomFeed(AtomMixin, SectionFeed):
    """The newest published articles of one section, as Atom."""


class TagAtomFeed(AtomMixin, TagFeed):
    """The newest published articles with one tag, as Atom."""
