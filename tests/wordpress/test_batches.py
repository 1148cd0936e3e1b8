"""Posts are written in batches, their text cleaned by other processes, and nothing changes.

Batches are made small here so that a file of a few posts has several of them and starts the
pool of processes, as a file of thousands does.
"""

import pytest
from django.core.management import CommandError

from articles import tasks
from articles.models import Article, ArticleEvent, Category
from comments.models import Comment
from core.html import clean_html, plain_text
from core.text import search_document
from tests.wordpress.exports import comment, post, run, wxr
from tests.wsgi import get
from wordpress import batch as wordpress_batch
from wordpress import text as wordpress_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three posts; count the batches the pool cleaned."""
    monkeypatch.setattr(wordpress_batch, "BATCH_SIZE", 3)
    cleaned = []
    submit = wordpress_text.TextPool.submit

    def counted(self, items, with_article):
        cleaned.append(len(items))
        return submit(self, items, with_article)

    monkeypatch.setattr(wordpress_text.TextPool, "submit", counted)
    return cleaned


def thread(first):
    return comment(first) + comment(first + 1, parent=first) + comment(first + 2, parent=first + 1)


def test_a_file_of_several_batches_imports_as_one_post_at_a_time_would(tmp_path, small_batches):
    items = [post(n, f"خبر رقم {n} [Reuters]", extra=thread(n * 10)) for n in range(1, 11)]
    path = tmp_path / "ten.xml"
    path.write_text(wxr(items), encoding="utf-8")
    output = run(path)

    assert small_batches == [3, 3, 3, 1]  # the pool cleaned every post
    assert "Posts: 10 new, 0 unchanged" in output and "Comments: 30 new, 0 unchanged" in output
    for article in Article.objects.all():
        assert article.body == "<p>First paragraph.</p>\n<p>Second paragraph.</p>"
        words = search_document(article.title, article.excerpt, plain_text(article.body))
        assert article.search_text == words and "reuters" in words
        assert set(article.comments.values_list("body", flat=True)) == set(
            article.comments.values_list("body_html", flat=True)
        )
        depths = sorted(article.comments.values_list("depth", flat=True))
        assert depths == [0, 1, 2]
        first = article.comments.get(depth=0)
        assert set(article.comments.exclude(pk=first.pk).values_list("root", flat=True)) == {
            first.pk
        }
    assert run(path).startswith("Posts: 0 new, 10 unchanged")


def test_imported_articles_are_what_save_would_store_with_their_first_revision(tmp_path):
    items = [
        post(1, "عنوان &lt;em&gt;الخبر&lt;/em&gt; [AFP]"),
        post(2, "Draft", status="draft"),
    ]
    path = tmp_path / "two.xml"
    path.write_text(wxr(items), encoding="utf-8")
    run(path)

    for article in Article.objects.all():
        assert article.body == clean_html(article.body) and article.body.startswith("<p>")
        words = search_document(article.title, article.excerpt, plain_text(article.body))
        assert article.search_text == words
        assert (article.version, article.import_version) == (1, 1)
        revision = article.history.get()
        assert (revision.history_type, revision.title, revision.body) == (
            "+",
            article.title,
            article.body,
        )
        stored = {name: getattr(article, name) for name in ("title", "body", "search_text")}
        article.save()  # what the admin would store, from what the import stored
        assert {name: getattr(article, name) for name in stored} == stored
        assert article.history.count() == 2
    assert Article.objects.get(title="عنوان الخبر [AFP]").slug == "عنوان-الخبر-afp"


def test_a_batch_the_database_refuses_is_written_again_post_by_post(tmp_path, small_batches):
    # The same comment id in two posts: the batch's INSERT breaks the unique index; written
    # again one post a transaction, the second post finds the comment already there.
    items = [post(1, "One", extra=comment(7)), post(2, "Two", extra=comment(7)), post(3, "Three")]
    path = tmp_path / "clash.xml"
    path.write_text(wxr(items), encoding="utf-8")
    output = run(path)

    assert Article.objects.count() == 3 and Comment.objects.count() == 1
    assert Comment.objects.get().article.title == "One"
    assert "Posts: 3 new, 0 unchanged" in output
    assert "Comments: 1 new, 1 unchanged" in output and "Skipped" not in output


def test_a_post_skipped_after_its_new_section_was_made_leaves_no_section(tmp_path):
    # Its section is written before its nameless tag is found wrong: the batch is rolled
    # back and written again one post a transaction. The bad comment date is found before.
    fresh = '<category domain="category" nicename="fresh">Fresh</category>'
    nameless = '<category domain="post_tag" nicename=""> </category>'
    items = [
        post(1, "Good one"),
        post(2, "Bad tag", extra=fresh + nameless),
        post(3, "Bad comment", extra=fresh + comment(20, date="yesterday")),
        post(4, "Good two", extra=comment(30)),
    ]
    path = tmp_path / "broken.xml"
    path.write_text(wxr(items), encoding="utf-8")
    output = run(path)

    assert "Skipped «Bad tag»: it has neither a slug nor a name" in output
    assert "Skipped «Bad comment»: comment 20: invalid date «yesterday»" in output
    assert output.count("Skipped") == 2
    assert set(Article.objects.values_list("title", flat=True)) == {"Good one", "Good two"}
    assert not Category.objects.filter(slug="fresh").exists()
    assert "Sections: 1 new" in output  # the uncategorised section of the good ones
    assert "Posts: 2 new" in output and Comment.objects.count() == 1


def test_a_file_cut_short_imports_the_posts_before_the_cut(tmp_path, small_batches):
    text = wxr([post(n, f"Post {n}", extra=comment(n * 10)) for n in range(1, 6)])
    cut = text.rindex("<item>")  # the fifth post begins there
    path = tmp_path / "cut.xml"
    path.write_text(text[: cut + 40], encoding="utf-8")

    with pytest.raises(CommandError, match="not well-formed XML"):
        run(path)
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"Post 1", "Post 2", "Post 3", "Post 4"}
    assert Comment.objects.count() == 4


def test_pages_cached_before_an_import_are_stale_after_it(
    tmp_path, wsgi_app, django_capture_on_commit_callbacks
):
    path = tmp_path / "one.xml"
    path.write_text(wxr([post(1, "One")]), encoding="utf-8")
    Category.uncategorised()  # so that no section made now tells the cache instead

    def imported():
        with django_capture_on_commit_callbacks(execute=True):  # pages go stale on commit
            run(path)

    def served(url):
        return get(wsgi_app, url)[1]["X-Page-Cache"]

    get(wsgi_app, "/")
    assert served("/") == "hit"
    imported()
    assert served("/") != "hit"  # the new article is listed there
    page = Article.objects.get().get_absolute_url()
    get(wsgi_app, page)
    assert served(page) == served("/") == "hit"
    imported()  # nothing new: the cached pages stay good
    assert served(page) == served("/") == "hit"
    # Only a new comment, under the article the first import brought: its page shows it.
    path.write_text(wxr([post(1, "One", extra=comment(10))]))
    imported()
    assert served(page) != "hit"


def test_imported_articles_enter_the_workflow_as_the_system(
    tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    items = [
        post(1, "Live"),
        post(2, "Later", date="2999-01-01 10:00:00"),
        post(3, "Draft", status="draft"),
    ]
    path = tmp_path / "three.xml"
    path.write_text(wxr(items), encoding="utf-8")
    enqueued = []
    monkeypatch.setattr(tasks, "enqueue_at", lambda task, when, pk: enqueued.append((task, pk)))
    with django_capture_on_commit_callbacks(execute=True):
        run(path)

    events = ArticleEvent.objects.order_by("article__title")
    assert [(e.article.title, e.actor, e.to_state) for e in events] == [
        ("Draft", None, "draft"),
        ("Later", None, "scheduled"),
        ("Live", None, "published"),
    ]
    # The scheduled one's going-live is due; the live one's happened on the old site.
    later = Article.objects.get(title="Later")
    assert enqueued == [(tasks.article_went_live, later.pk)]
    assert Article.objects.get(title="Live").went_live_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        run(path)
    assert ArticleEvent.objects.count() == 3  # a second import records nothing


def test_a_process_with_other_threads_cleans_the_text_itself(tmp_path, small_batches, monkeypatch):
    monkeypatch.setattr(wordpress_text.threading, "active_count", lambda: 2)
    path = tmp_path / "five.xml"
    items = [post(n, f"Post {n}", extra=thread(n * 10)) for n in range(1, 6)]
    path.write_text(wxr(items), encoding="utf-8")
    output = run(path)
    assert small_batches == []  # forking beside another thread could copy a held lock
    assert "Posts: 5 new" in output and "Comments: 15 new" in output
