"""The article page reads its comments in a fixed number of queries, whatever their count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import DiscussionSettings
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def article_queries(client, article):
    """Queries of the article page drawn with nothing of its own kept yet (its threads)."""
    client.get("/")  # the site's settings and menus are kept after this
    DiscussionSettings.current()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_comments(article, count):
    roots = CommentFactory.create_batch(count * 3 // 4, article=article)
    for n in range(count - len(roots)):
        CommentFactory(article=article, parent=roots[n % len(roots)])


def test_two_hundred_approved_comments_render_in_six_queries(client):
    article = ArticleFactory()
    article.recommendations.create(story=ArticleFactory())
    add_comments(article, 200)
    CommentFactory.create_batch(20, article=article, status="pending")
    count, html = article_queries(client, article)
    # article, recommended, related, comment counts, a page of threads, their replies
    assert count == 6
    assert "200 تعليق" in html
    # 150 threads, the first 50 with one reply each: page one shows 50 threads, 50 replies.
    assert html.count('class="comment"') == 100


def test_the_query_count_does_not_grow_with_the_comment_count(client):
    few, many = ArticleFactory(), ArticleFactory()
    add_comments(few, 8)
    add_comments(many, 120)
    assert article_queries(client, few)[0] == article_queries(client, many)[0] == 6


def test_the_next_reader_gets_the_threads_kept_until_a_comment_changes(client):
    article = ArticleFactory()
    add_comments(article, 40)
    assert article_queries(client, article)[0] == 6
    # the article and its recommended stories: comments and related stories are kept
    assert article_queries(client, article)[0] == 2
    CommentFactory(article=article, body="تعليق جديد مقبول")
    count, html = article_queries(client, article)
    # its threads are read again; its related stories are still kept
    assert count == 5 and "تعليق جديد مقبول" in html
