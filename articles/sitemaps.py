"""Sitemaps of what readers may see, a Google News sitemap, and robots.txt pointing at them."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from core.cachetags import tag
from core.text import strip_controls

from . import page_tags
from .models import Article, Category, SiteSettings, Tag

# Google News reads only articles published in the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """Every published article, newest first."""

    def items(self):
        tag(page_tags.SITEMAPS)
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of loading every article to find the newest change.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(Sitemap):
    """Every section's page."""

    def items(self):
        tag(page_tags.SITEMAPS, page_tags.MENU)
        return Category.objects.all()


class TagSitemap(Sitemap):
    """Every tag that at least one published article carries."""

    def items(self):
        tag(page_tags.SITEMAPS)
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct()

    def location(self, tag):
        return tag.get_absolute_url()


class NewsSitemap(Sitemap):
    """Articles published in the last 48 hours, for templates/sitemaps/news.xml."""

    limit = NEWS_LIMIT

    def items(self):
        tag(page_tags.SITEMAPS)
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().filter(published_at__gte=since).for_listing()

    def lastmod(self, article):
        return article.updated_at

    def get_urls(self, *args, **kwargs):
        publication = strip_controls(SiteSettings.current().site_name)
        return [
            {
                **url,
                "publication": publication,
                "title": strip_controls(url["item"].title),
                "published": localtime(url["item"].published_at).isoformat(timespec="seconds"),
            }
            for url in super().get_urls(*args, **kwargs)
        ]


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}


def robots_txt(request):
    """Allow everything but the admin, and point crawlers at both sitemaps."""
    sitemaps = [
        request.build_absolute_uri(reverse(name))
        for name in ("feeds:sitemap-index", "feeds:sitemap-news")
    ]
    context = {"disallow": reverse("admin:index"), "sitemaps": sitemaps}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
