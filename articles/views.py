from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from .models import Category, Tag
from .preview import article_for_token
from .search import search, snippet
from .selectors import (
    archive_articles,
    article_page,
    author_articles,
    home_page,
    moved_article,
    page_articles,
    section_articles,
    tagged_articles,
)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # Read only if the template draws the lists again: their HTML is kept as a fragment.
        return super().get_context_data(home=SimpleLazyObject(home_page), **kwargs)


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
        return section_articles(self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = _("Tag: {name}").format(name=self.tag.name)
        return tagged_articles(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ArticleListView):
    def get_queryset(self):
        author = get_object_or_404(get_user_model(), pk=self.kwargs["pk"], is_active=True)
        name, articles = author_articles(author)
        if not name:
            raise Http404  # nobody to show, or only an address that must stay private
        self.heading = _("Articles by {name}").format(name=name)
        return articles


class ArchiveView(ArticleListView):
    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs.get("month")
        if not (1900 < year < 3000 and (month is None or 1 <= month <= 12)):
            raise Http404
        if month:
            self.heading = _("Archive: {month}").format(
                month=format_date(datetime(year, month, 1), "F Y")
            )
        else:
            self.heading = _("Archive: {year}").format(year=year)
        return archive_articles(year, month)


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


class StaffNeverCachedMixin:
    """Staff pages (previews among them) are never stored by a browser or a shared cache."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.user.is_staff:
            add_never_cache_headers(response)
        return response


class ArticleDetailView(StaffNeverCachedMixin, DetailView):
    context_object_name = "article"

    def get_queryset(self):
        if self.request.user.is_staff:
            return page_articles()  # staff preview drafts and scheduled articles
        return page_articles().published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An address the article had before its slug changed answers with a 301.
            moved = moved_article(kwargs["slug"])
            if moved:
                return redirect(moved, permanent=True)
            raise

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_page(self.object), **kwargs)


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
