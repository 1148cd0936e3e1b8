"""Feed import on every shared fixture feed, and the rules of updating and deduplicating."""

import re

import pytest

from articles.ingest import import_document
from articles.models import Article
from tests.factories import CategoryFactory, SourceFactory
from tests.feeds import feed

pytestmark = pytest.mark.django_db

EXECUTABLE = re.compile(
    r"<\s*(script|iframe|object|embed|style|svg|math|base|form|meta|link|img)\b"
    r"|\son\w+\s*=|style\s*="
    r"|(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.IGNORECASE,
)
ITEM = re.compile(rb"<(item|entry)[\s>]")


@pytest.fixture
def source():
    return SourceFactory(name="وكالة الأنباء", default_category=CategoryFactory(name="العالم"))


def fixture_files(fixtures_dir):
    files = sorted((fixtures_dir / "feeds").glob("*.xml"))
    assert len(files) == 14
    return files


def test_every_fixture_feed_imports_safely_and_a_second_run_adds_nothing(fixtures_dir, source):
    for path in fixture_files(fixtures_dir):
        data = path.read_bytes()
        first = import_document(data, source=source)
        # Every entry is either imported or skipped with its reason; none is lost silently.
        assert first.new + len(first.skipped) == len(ITEM.findall(data)), path.name
        assert all(reason for _label, reason in first.skipped)
        again = import_document(data, source=source)
        assert (again.new, again.updated, again.unchanged) == (0, 0, first.new), path.name
    articles = list(Article.objects.all())
    assert len(articles) > 50
    for article in articles:
        # The body is HTML; title, excerpt and byline are plain text, escaped when shown.
        assert not EXECUTABLE.search(article.body), (article.external_id, article.body[:200])
        for text in (article.title, article.body, article.excerpt, article.byline):
            assert "\x00" not in text


def test_hostile_fixtures_keep_their_text_and_lose_their_code(fixtures_dir, source):
    for name in ["sanitize__item_description_crazy", "sanitize__entry_content_style"]:
        [path] = (fixtures_dir / "feeds").glob(f"*{name}.xml")
        import_document(path.read_bytes(), source=source)
    crazy = Article.objects.get(title__startswith="Crazy HTML")
    assert "<script" not in crazy.body and "Can Your Regex Parse This?" in crazy.title


def test_the_urdu_feed_keeps_its_right_to_left_text_and_attribution(fixtures_dir, source, client):
    [path] = (fixtures_dir / "feeds").glob("*urdu_UTF8.xml")
    summary = import_document(path.read_bytes(), source=source)
    assert summary.new == 26
    article = Article.objects.get(original_url="http://www.bbc.com/urdu/pakistan-42575603")
    assert article.title.startswith("امریکی عسکری امداد کی بندش")
    assert (article.source, article.category.name, article.status) == (source, "العالم", "draft")
    assert article.original_published_at is not None
    assert article.body.startswith("<p>")


def test_a_source_that_publishes_directly_shows_the_attribution_on_the_page(source, client):
    source.publish_directly = True
    source.save()
    import_document(
        feed(
            {
                "title": "خبر منقول",
                "link": "https://agency.example/1",
                "guid": "a-1",
                "description": "نص الخبر المنقول.",
            }
        ),
        source=source,
    )
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "نص الخبر المنقول." in html and "مصدر الخبر" in html
    assert 'href="https://agency.example/1" rel="nofollow noopener"' in html
    assert "وكالة الأنباء" in html


def test_an_updated_entry_updates_an_untouched_draft_only(source, django_user_model):
    import_document(feed({"title": "أول", "guid": "g-1", "description": "نص أول"}), source=source)
    changed = feed({"title": "أول معدل", "guid": "g-1", "description": "نص معدل"})
    assert import_document(changed, source=source).updated == 1
    article = Article.objects.get()
    assert (article.title, article.body) == ("أول معدل", "<p>نص معدل</p>")

    article.title = "عنوان المحرر"  # an editor's change
    article.save()
    assert (
        import_document(
            feed({"title": "ثالث", "guid": "g-1", "description": "ن"}), source=source
        ).unchanged
        == 1
    )
    assert Article.objects.get().title == "عنوان المحرر"


def test_a_published_article_is_never_overwritten_by_its_source(source):
    import_document(feed({"title": "أصل", "guid": "g-2", "description": "نص"}), source=source)
    Article.objects.update(status=Article.Status.PUBLISHED)
    summary = import_document(
        feed({"title": "تغيير", "guid": "g-2", "description": "آخر"}), source=source
    )
    assert summary.unchanged == 1 and Article.objects.get().title == "أصل"


def test_entries_are_deduplicated_by_guid_then_by_url(source):
    import_document(
        feed(
            {"title": "خبر", "guid": "old-guid", "link": "https://a.example/x", "description": "نص"}
        ),
        source=source,
    )
    summary = import_document(
        feed(
            {"title": "خبر", "guid": "new-guid", "link": "https://a.example/x", "description": "نص"}
        ),
        source=source,
    )
    assert summary.new == 0 and Article.objects.count() == 1


def test_a_malformed_entry_is_skipped_with_its_reason_and_the_rest_imports(source):
    too_long = "https://a.example/" + "x" * 1200
    summary = import_document(
        feed(
            {"title": "سليم أول", "guid": "ok-1", "description": "نص"},
            {"title": "رابط طويل", "guid": "bad", "link": too_long, "description": "نص"},
            {"guid": "empty"},
            {"title": "سليم ثان", "guid": "ok-2", "description": "نص"},
        ),
        source=source,
    )
    assert summary.new == 2
    reasons = dict(summary.skipped)
    assert set(reasons) == {"رابط طويل", "empty"}  # an entry is named by its title, or link
    assert sorted(Article.objects.values_list("title", flat=True)) == ["سليم أول", "سليم ثان"]


def test_control_characters_and_nul_are_removed(source):
    import_document(
        feed({"title": "عنوان&#x0B;مع\u202e تحكم", "guid": "c", "description": "نص\u0000 ثم"}),
        source=source,
    )
    article = Article.objects.get()
    assert article.title == "عنوانمع تحكم"
    assert "\x00" not in article.body and "\u202e" not in article.title


def test_a_document_that_is_not_a_feed_reports_an_error(source):
    summary = import_document(b"<html><body>not a feed", source=source)
    assert summary.new == 0 and not Article.objects.exists()
    assert summary.errors or summary.skipped == []
