"""RSS feeds of readers' approved comments: the site's latest, and one article's.

Only what the article page shows: approved comments on published articles. A commenter's name
and text are readers' words, written escaped; no e-mail address is written, theirs or anyone's.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles import page_tags
from articles.feeds import CleanTextMixin
from articles.models import Article, SiteSettings
from core.cachetags import tag

from .models import Comment
from .signals import COMMENT_COUNTS

FEED_LENGTH = 30


class CommentsRssFeed(CleanTextMixin, Rss201rev2Feed):
    """RSS 2.0 without control characters that XML cannot carry (articles.feeds)."""


class LatestCommentsFeed(Feed):
    """The newest approved comments on the whole site, as RSS 2.0."""

    feed_type = CommentsRssFeed

    def title(self, obj):
        return _("{site} — latest comments").format(site=SiteSettings.current().site_name)

    def description(self, obj):
        return _("The latest comments of readers of {site}.").format(
            site=SiteSettings.current().site_name
        )

    def link(self, obj):
        return reverse("articles:home")

    def comments(self, obj):
        # A comment on an article taken down, or not yet live, is on no page: not here either.
        tag(COMMENT_COUNTS, page_tags.FEEDS, page_tags.SETTINGS)
        return Comment.objects.approved().filter(article__in=Article.objects.published())

    def items(self, obj):
        return (
            self.comments(obj)
            .select_related("article")
            .only("name", "body_html", "created_at", "article", "article__title", "article__slug")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, comment):
        # Escaped as the article feeds' titles are: many readers treat an RSS title as HTML.
        return escape(
            _("{name} on «{title}»").format(name=comment.name, title=comment.article.title)
        )

    def item_description(self, comment):
        return comment.body_html  # escaped, links made nofollow, once on save (Comment)

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.name

    def item_author_email(self, comment):
        return None  # a commenter's address is for moderators only


class ArticleCommentsFeed(LatestCommentsFeed):
    """The newest approved comments on one published article, as RSS 2.0."""

    def get_object(self, request, article_id):
        return get_object_or_404(Article.objects.published(), pk=article_id)

    def title(self, article):
        return _("Comments on «{title}»").format(title=article.title)

    def description(self, article):
        return _("The latest comments of readers on «{title}».").format(title=article.title)

    def link(self, article):
        return article.get_absolute_url()

    def comments(self, article):
        tag(page_tags.article(article.pk), page_tags.SETTINGS)
        return Comment.objects.approved().filter(article=article)
