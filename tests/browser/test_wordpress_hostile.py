"""Markup that once stopped the WordPress import, imported, then read by Chromium: it runs nowhere.

html.parser (under Django's strip_tags) raised AssertionError on '<![><img src="]>' in a
comment, so import_wordpress stopped at its first batch. The export here carries that markup
and its variants everywhere tests/browser/hostile_wxr.py puts a payload: posts' titles, bodies
and excerpts, tags, sections, the author, and approved comments with their names and websites.
"""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from comments.models import Comment
from tests.browser.hostile_wxr import hostile_wxr
from tests.browser.traps import trapped_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKER = "مفتاح"
BROKEN_MARKUP = [
    '<![><img src="]>',
    '<![><img src="]><script>alert(1)</script>',
    '<![><img src="]> onerror=alert(1)//',
    "<![><img src=x onerror=alert(1)//]>",
    '<!--<![><img src="]>-->',
    "<p>قبل</p><![><svg onload=alert(1)>بعد",
    '<![CDATA[<img src=x onerror=alert(1)>]]><![><img src="]>',
]


@pytest.fixture
def traps(browser, live_server):
    yield from trapped_pages(browser, live_server.url)


def test_markup_that_broke_html_parser_imports_and_runs_nowhere(traps, tmp_path):
    path = tmp_path / "hostile.xml"
    path.write_text(hostile_wxr(BROKEN_MARKUP, MARKER), encoding="utf-8")
    summary = io.StringIO()
    with translation.override("en"):
        call_command("import_wordpress", str(path), stdout=summary)
    assert "Posts: " in summary.getvalue() and "Skipped" not in summary.getvalue()
    articles = list(Article.objects.published().select_related("category"))
    assert articles and Comment.objects.approved().count() == len(BROKEN_MARKUP)

    reader = traps()
    sections = sorted({article.category.get_absolute_url() for article in articles})
    for address in ["/", "/feed/", *sections, *(a.get_absolute_url() for a in articles)]:
        reader.open(address)
    shown = reader.page.locator(".comment-body").count()
    assert shown == Comment.objects.filter(article=articles[-1]).count() > 0
    assert not reader.problems, reader.report()
