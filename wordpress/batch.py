"""Write a batch of imported posts with a few INSERTs, whatever the batch's size.

One statement for the articles, one for their first revisions, one for their tags and one per
depth of comment threads: a round trip and an ORM call per row were most of an import's time.
bulk_create calls neither save() nor the post_save receivers, so what they do is done here:
the revision django-simple-history writes, the going-live task of a scheduled article, and
(by the importer, once a batch is committed) the page cache's bump.
"""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db import transaction

from articles.models import Article
from articles.tasks import article_went_live, enqueue_at
from comments.models import Comment


@dataclass
class Post:
    """A post ready to be written: its article (new, or imported before) and new comments."""

    article: Article
    is_new: bool
    tags: set = field(default_factory=set)  # tag pks of a new article
    # New comments, a list per thread depth: (row, its parent when that is new too, else None).
    levels: list = field(default_factory=list)


def write_posts(posts):
    """Insert the posts' new articles, revisions, tags and comments; whether there were any."""
    articles = [post.article for post in posts if post.is_new]
    Article.objects.bulk_create(articles)
    # The first revision, as Article.save's post_save would have written it (no user, no reason).
    Article.history.bulk_history_create(articles, default_change_reason=None)
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=post.article.pk, tag_id=tag)
        for post in posts
        for tag in sorted(post.tags)
    )
    written = bool(articles)
    # Parents before replies: a reply needs its parent's primary key, known once it is written.
    for depth in zip_longest(*(post.levels for post in posts), fillvalue=()):
        rows = []
        for pairs in depth:
            for row, parent in pairs:
                if parent is not None:
                    row.parent_id, row.root_id = parent.pk, parent.root_id or parent.pk
                rows.append(row)
        Comment.objects.bulk_create(rows)
        written = written or bool(rows)
    for article in articles:
        if article.status == Article.Status.PUBLISHED and article.went_live_at is None:
            when, pk = article.published_at, article.pk
            transaction.on_commit(lambda when=when, pk=pk: enqueue_at(article_went_live, when, pk))
    return written


class Replay(Exception):
    """A batch to roll back and write again one post a transaction."""


class WriteCounter:
    """Counts the statements that are not SELECTs (a connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip()[:6].upper() != "SELECT":
            self.count += 1
        return execute(sql, params, many, context)
