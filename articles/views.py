from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from .models import Article, Category, SiteSettings, SlugRedirect
from .preview import article_for_token


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # One query: the newest few of every section, ranked inside the database.
        latest = (
            Article.objects.published()
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
        lead = max(
            (articles[0] for articles in sections.values()),
            key=lambda a: a.published_at,
            default=None,
        )
        return super().get_context_data(sections=sections, lead=lead, **kwargs)


class CategoryView(ListView):
    template_name = "articles/category_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_SECTION_PAGE_SIZE

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return Article.objects.published().filter(category=self.category).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.select_related("category", "source", "author")
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
