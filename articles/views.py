from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from .bylines import public_byline
from .models import Article, Category, SiteSettings, SlugRedirect, Tag
from .preview import article_for_token
from .search import search, snippet


def most_commented(days, count=5):
    """The articles with the most approved comments written in the last days (a week's talk,
    not all-time totals: cheap, since only recent comments are read)."""
    since = timezone.now() - timedelta(days=days)
    # Through the reverse relation: the comments app stays out of this module.
    recent = Q(comments__status="approved", comments__created_at__gte=since)
    return (
        Article.objects.published()
        .filter(recent)
        .annotate(comment_count=Count("comments", filter=recent))
        .order_by("-comment_count", "-published_at")[:count]
    )


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # One query: the newest few of every section, ranked inside the database, among the
        # newest articles only (ranking all 20,000 costs more than the rest of the page).
        newest = Article.objects.published().order_by("-published_at").values("pk")[:1000]
        latest = (
            Article.objects.filter(pk__in=newest)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=F("category_id"), order_by=F("published_at").desc()
                )
            )
            .filter(rank__lte=settings.NEWSROOM_HOME_PER_SECTION)
            .select_related("category")
            .order_by("category__position", "category__name", "rank")
        )
        sections = {}
        for article in latest:
            sections.setdefault(article.category, []).append(article)
        newest = max(
            (articles[0] for articles in sections.values()),
            key=lambda a: a.published_at,
            default=None,
        )
        featured = Article.objects.published().filter(featured=True).for_listing().first()
        lead = featured or newest
        recent = Article.objects.published().for_listing()[:5]
        return super().get_context_data(
            sections=sections,
            lead=lead,
            recent=recent,
            most_commented=most_commented(settings.NEWSROOM_MOST_COMMENTED_DAYS),
            **kwargs,
        )


class ArticleListView(ListView):
    """A paginated list of published articles under a heading, with its breadcrumbs."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_SECTION_PAGE_SIZE

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading, breadcrumbs=[(self.heading, None)], **kwargs
        )


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        self.heading = self.category.name
        return Article.objects.published().filter(category=self.category).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = _("Tag: {name}").format(name=self.tag.name)
        return Article.objects.published().filter(tags=self.tag).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ArticleListView):
    def get_queryset(self):
        author = get_object_or_404(get_user_model(), pk=self.kwargs["pk"], is_active=True)
        articles = Article.objects.published().filter(author=author, byline="")
        first = articles.select_related("author").first()
        name = public_byline(first) if first else None
        if not name:
            raise Http404  # nobody to show, or only an address that must stay private
        self.heading = _("Articles by {name}").format(name=name)
        return articles.for_listing()


class ArchiveView(ArticleListView):
    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs.get("month")
        if not (1900 < year < 3000 and (month is None or 1 <= month <= 12)):
            raise Http404
        articles = Article.objects.published().filter(published_at__year=year)
        if month:
            articles = articles.filter(published_at__month=month)
            self.heading = _("Archive: {month}").format(
                month=format_date(datetime(year, month, 1), "F Y")
            )
        else:
            self.heading = _("Archive: {year}").format(year=year)
        return articles.for_listing()


class SearchView(ArticleListView):
    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:200]
        self.heading = _("Search")
        found, self.terms = search(self.query)
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        context["results"] = [(a, snippet(a, self.terms)) for a in context["articles"]]
        return context


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.select_related("category", "source", "author").with_tag_list()
        if self.request.user.is_staff:
            return articles  # staff preview drafts and scheduled articles
        return articles.published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article had before its slug changed answers with a 301.
            moved = SlugRedirect.objects.filter(old_slug=kwargs["slug"]).select_related("article")
            found = moved.first()
            if found and found.article.is_public:
                return redirect(found.article, permanent=True)
            raise

    def get_context_data(self, **kwargs):
        article = self.object
        site = SiteSettings.current()
        return super().get_context_data(
            lead_in=site.lead_in(article),
            disclaimer=site.disclaimer(article),
            recommended=list(article.recommended_stories()),
            related=list(article.related_articles()),
            preview=not article.is_public,
            breadcrumbs=[
                (article.category.name, article.category.get_absolute_url()),
                (article.title, None),
            ],
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_staff:
            # A staff preview must never be stored by a browser or a shared cache.
            add_never_cache_headers(response)
        return response


class PreviewView(ArticleDetailView):
    """A draft shown to whoever holds its signed link, until the link expires."""

    def get(self, request, *args, **kwargs):
        self.object = article_for_token(kwargs["token"])
        if self.object is None:
            response = render(request, "articles/preview_expired.html", status=410)
        else:
            response = self.render_to_response(self.get_context_data(object=self.object))
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
