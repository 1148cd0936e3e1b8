"""Arabic search over published articles, one normalisation for the text and the query.

PostgreSQL: the `arabic` text-search configuration over the normalised text (GIN-indexed), or,
for words its stemmer leaves alone, a prefix match in the `simple` configuration. SQLite:
every query word must appear in the normalised text. The text also holds each word without
its prefix (و, ال, بال …), so «مدرسه» finds «والمدرسة» on both.
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.cachetags import tag
from core.html import plain_text
from core.text import normalise_with_positions, search_terms

from . import page_tags
from .models import Article

# Stored generated columns, PostgreSQL only (migration 0009): not model fields, read as SQL.
ARABIC_VECTOR = RawSQL('"articles_article"."search_vector_arabic"', [], SearchVectorField())
SIMPLE_VECTOR = RawSQL('"articles_article"."search_vector_simple"', [], SearchVectorField())


def search(query):
    """Published articles matching every word of the query, best first."""
    tag(page_tags.ARCHIVE)  # results change whenever any public article does
    terms = search_terms(query)
    articles = Article.objects.published().select_related("category")
    if not terms:
        return articles.none(), terms
    if connection.vendor == "postgresql":
        arabic = SearchQuery(" ".join(terms), config="arabic", search_type="plain")
        prefixes = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw"
        )
        found = (
            articles.annotate(
                arabic_vector=ARABIC_VECTOR,
                simple_vector=SIMPLE_VECTOR,
                rank=SearchRank(ARABIC_VECTOR, arabic) + SearchRank(SIMPLE_VECTOR, prefixes),
            )
            .filter(Q(arabic_vector=arabic) | Q(simple_vector=prefixes))
            .order_by("-rank", "-published_at")
        )
        return found, terms
    every_word = Q()
    for term in terms:
        every_word &= Q(search_text__contains=term)
    return articles.filter(every_word).order_by("-published_at", "-pk"), terms


def _whole_word(text, start, stop):
    """Widen a match to the word it is in: «والمدرسة», not «وال» and «مدرسة» apart."""
    while start > 0 and _in_word(text[start - 1]):
        start -= 1
    while stop < len(text) and _in_word(text[stop]):
        stop += 1
    return start, stop


def _in_word(char):
    return char.isalnum() or unicodedata.category(char) == "Mn"  # Mn: diacritics


def snippet(article, terms, width=220):
    """A passage of the article around the first match, the matches marked, safely escaped."""
    text = " ".join(f"{article.excerpt} {plain_text(article.body)}".split())
    folded, positions = normalise_with_positions(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append(_whole_word(text, positions[start], positions[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    end = min(len(text), begin + width)
    parts, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    # Every piece of the reader-visible text above went through escape().
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308
