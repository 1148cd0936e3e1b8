from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, sitemaps

app_name = "feeds"

urlpatterns = [
    path("feed/", feeds.SiteFeed(), name="site-rss"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="site-atom"),
    path("sections/<uslug:slug>/feed/", feeds.SectionFeed(), name="section-rss"),
    path("sections/<uslug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section-atom"),
    path("tags/<uslug:slug>/feed/", feeds.TagFeed(), name="tag-rss"),
    path("tags/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "feeds:sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemaps/<str:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
