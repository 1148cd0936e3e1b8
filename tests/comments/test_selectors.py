"""The reads of comments: threads under an article, the most commented articles, reply targets."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SiteSettings
from articles.selectors import next_publication
from comments.models import Comment
from comments.selectors import comment_threads, most_commented, reply_target
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

RULES = SimpleNamespace(per_page=50, thread_depth=5)


def test_most_commented_counts_only_approved_comments_of_the_last_days():
    talked_about = ArticleFactory(title="حديث الأسبوع")
    CommentFactory.create_batch(3, article=talked_about)
    CommentFactory.create_batch(4, article=talked_about, status=Comment.Status.SPAM)
    CommentFactory(article=talked_about, status=Comment.Status.PENDING)
    old_news = ArticleFactory()
    CommentFactory.create_batch(9, article=old_news, created_at=timezone.now() - timedelta(days=8))
    silent = ArticleFactory()
    CommentFactory.create_batch(5, article=silent, status=Comment.Status.TRASH)
    next_publication()  # known site-wide, kept until an article is saved
    with CaptureQueriesContext(connection) as queries:
        found = most_commented(days=7)
    assert len(queries) == 1
    assert found == [talked_about] and found[0].comment_count == 3


def test_most_commented_are_ordered_by_count_then_newest_and_limited():
    now = timezone.now()
    quiet, tied_old, tied_new, busy = (
        ArticleFactory(published_at=now - timedelta(hours=hours)) for hours in (1, 5, 4, 3)
    )
    for article, count in [(quiet, 1), (tied_old, 2), (tied_new, 2), (busy, 4)]:
        CommentFactory.create_batch(count, article=article)
    assert most_commented(days=7) == [busy, tied_new, tied_old, quiet]
    assert most_commented(days=7, count=2) == [busy, tied_new]


def test_most_commented_never_lists_an_article_readers_cannot_see():
    for attributes in [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(hours=1)},
    ]:
        CommentFactory.create_batch(2, article=ArticleFactory(**attributes))
    assert most_commented(days=7) == []


def test_threads_hold_replies_under_their_parents_and_count_approved_comments():
    article = ArticleFactory()
    first, second = CommentFactory.create_batch(2, article=article)
    reply = CommentFactory(article=article, parent=first)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    page = comment_threads(article, rules=RULES)
    assert page.total == 3
    assert [node.comment.pk for node in page.threads] == [first.pk, second.pk]
    assert [node.comment.pk for node in page.threads[0].children] == [reply.pk]


def test_a_held_comment_is_in_the_threads_of_its_author_only():
    article = ArticleFactory()
    held = CommentFactory(article=article, status=Comment.Status.PENDING)
    assert comment_threads(article, rules=RULES).threads == []
    mine = comment_threads(article, rules=RULES, own_ids=[held.pk])
    assert [node.comment.pk for node in mine.threads] == [held.pk]
    assert mine.total == 0 and mine.threads[0].can_reply is False


def test_replies_stop_at_the_depth_limit():
    article = ArticleFactory()
    parent = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=parent)
    rules = SimpleNamespace(per_page=50, thread_depth=2)
    node = comment_threads(article, rules=rules).threads[0]
    assert node.can_reply is True and node.children[0].comment.pk == child.pk
    assert node.children[0].can_reply is False


def test_a_page_of_threads_costs_three_queries_and_an_empty_one_costs_one():
    article = ArticleFactory()
    roots = CommentFactory.create_batch(30, article=article)
    for root in roots:
        CommentFactory(article=article, parent=root)
    next_publication()  # known site-wide, kept until an article is saved
    SiteSettings.current()  # the dates' Hijri setting, kept
    with CaptureQueriesContext(connection) as queries:
        page = comment_threads(article, rules=SimpleNamespace(per_page=10, thread_depth=5))
    assert len(queries) == 3 and len(page.threads) == 10 and page.links.num_pages == 3
    silent = ArticleFactory()
    next_publication()  # saving an article forgot it
    with CaptureQueriesContext(connection) as queries:
        assert comment_threads(silent, rules=RULES).threads == []
    assert len(queries) == 1


def test_only_an_approved_comment_of_the_same_article_can_be_replied_to():
    article = ArticleFactory()
    approved = CommentFactory(article=article)
    held = CommentFactory(article=article, status=Comment.Status.PENDING)
    elsewhere = CommentFactory()
    assert reply_target(article, approved.pk) == approved
    assert reply_target(article, held.pk) is None
    assert reply_target(article, elsewhere.pk) is None


def test_a_kept_page_of_threads_is_its_html_and_its_links_only():
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)
    rules = SimpleNamespace(per_page=2, thread_depth=5)
    SiteSettings.current()  # made on first use, which would make the first drawing stale
    drawn = comment_threads(article, rules=rules)
    kept = comment_threads(article, rules=rules)  # from the cache this time
    assert kept.threads == [] and len(drawn.threads) == 2
    assert (kept.html, kept.shown, kept.total) == (drawn.html, 2, 3)
    assert kept.links == drawn.links and kept.links.has_next and kept.links.num_pages == 2
