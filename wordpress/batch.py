"""Write posts in batches: one transaction and a few INSERTs a batch, whatever its size.

One statement for the articles, one for their first revisions, one for their tags and one per
depth of comment threads: a round trip and an ORM call per row were most of an import's time.
While the database takes one batch, a pool of processes cleans the next one's text
(wordpress.text). A malformed post is skipped with its reason and the rest of its batch is
written. Should the database refuse a batch, or a post fail after something was written for
it, the batch is rolled back and written again one post a transaction, so exactly the culprit
is left out.
"""

from itertools import zip_longest

from django.db import DatabaseError, connection, transaction

from articles.models import Article
from articles.revisions import record_tags
from articles.workflow import record_imported
from comments.models import Comment
from comments.signals import comments_changed

from .posts import prepare_post
from .summary import Summary, item_label
from .text import TextPool

# Posts a transaction: large enough that INSERTs and commits cost little per post, small
# enough that a batch the database refuses is quickly replayed one post at a time.
BATCH_SIZE = 100


class BatchWriter:
    """Posts queued, their text cleaned in other processes, written a batch a transaction."""

    def __init__(self, lookups, summary, *, source_keys=()):
        self.lookups, self.summary = lookups, summary
        self.source_keys = tuple(source_keys)
        self.queue, self.queued = [], set()  # posts waiting for their batch, their identities
        self.sent = ([], None)  # the batch being cleaned: its items, the pool's answer
        self.pool = None  # started when a file has a batch of posts

    def add(self, item):
        """Queue a post; a full queue is sent."""
        key = self.lookups.identity(item.post_id)
        if key in self.queued:  # the same post twice: the second finds the first written
            self.send()
        self.queue.append(item)
        self.queued.add(key)
        if len(self.queue) >= BATCH_SIZE:
            self.send()

    def finish(self):
        """Write every post queued or sent."""
        self.send()
        self.write()

    def close(self):
        if self.pool is not None:
            self.pool.close()

    def send(self):
        """Hand the queued posts' text to the pool, and write the batch sent before."""
        # So the workers clean one batch while this process writes the previous one. A file
        # with less than a batch of posts never starts the pool.
        items, self.queue, self.queued = self.queue, [], set()
        answer = None
        if items and (self.pool or (len(items) >= BATCH_SIZE and TextPool.usable())):
            self.pool = self.pool or TextPool()
            identity, seen = self.lookups.identity, self.lookups.seen
            answer = self.pool.submit(items, [not seen(identity(item.post_id)) for item in items])
        self.write()
        self.sent = (items, answer)

    def write(self):
        """Write the batch sent in one transaction; if that fails, one transaction a post."""
        items, answer = self.sent
        self.sent = ([], None)
        if not items:
            return
        texts = self.pool.collect(answer, len(items)) if answer else [None] * len(items)
        batch, mark, writes = Summary(), self.lookups.mark(), WriteCounter()
        try:
            with transaction.atomic(), connection.execute_wrapper(writes):
                posts = [
                    self.prepared(item, text, writes, batch)
                    for item, text in zip(items, texts, strict=True)
                ]
                write_posts([post for post in posts if post])
        except Exception:  # refused by the database, or Replay: whatever it was, one by one
            self.lookups.rollback(mark)
            self.replay(items, texts)
        else:
            self.lookups.commit(mark)
            self.summary.add(batch)  # counted once the batch is committed

    def prepared(self, item, texts, writes, batch):
        """Return the post ready to be written in the batch, or None when it is skipped."""
        # No savepoint a post: two more round trips each were a third of a batch's time. A
        # post that fails before anything was written for it is simply left out, whatever
        # the error; one that fails after a write (a new section, tag, user or source) raises
        # Replay.
        mark, before = self.lookups.begin(), writes.count
        try:
            post = prepare_post(item, texts, self.lookups, source_keys=self.source_keys)
        except DatabaseError:
            raise  # the transaction may be unusable now: the batch is written again
        except Exception as error:
            if writes.count != before:
                raise Replay from error
            self.lookups.rollback(mark)
            batch.skip(item_label(item), error)
            return None
        batch.add(self.lookups.tally)
        return post

    def replay(self, items, texts):
        """Write a batch again one post a transaction, so that only the culprit is left out."""
        for item, text in zip(items, texts, strict=True):
            write_alone(self.lookups, self.summary, item_label(item), self.post_alone, item, text)

    def post_alone(self, item, texts):
        write_posts([prepare_post(item, texts, self.lookups, source_keys=self.source_keys)])


def write_alone(lookups, summary, label, write, *args):
    """Run one write in its own transaction; if it fails in any way, skip it and say why."""
    mark = lookups.begin()
    try:
        with transaction.atomic():
            value = write(*args)
    except Exception as error:  # one record never stops the import
        lookups.rollback(mark)
        summary.skip(label, error)
        return None
    lookups.commit(mark)
    summary.add(lookups.tally)
    return value


def write_posts(posts):
    """Insert the posts' new articles, revisions, tags and comments, and record the articles."""
    articles = [post.article for post in posts if post.is_new]
    Article.objects.bulk_create(articles)
    # The first revision, as Article.save's post_save would have written it (no user, no reason).
    Article.history.bulk_history_create(articles, default_change_reason=None)
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=post.article.pk, tag_id=tag)
        for post in posts
        for tag in sorted(post.tags)
    )
    record_tags(articles)  # into the first revisions, so that they can be compared and restored
    comments = write_comments(posts)
    # The workflow's door for new articles: audit entries, going-live tasks, page cache.
    record_imported(articles)
    if comments:
        # bulk_create sends no post_save: what the comments app does when one is saved.
        approved = [row for row in comments if row.status == Comment.Status.APPROVED]
        comments_changed([row.article_id for row in approved])


def write_comments(posts):
    """Insert the posts' new comments, parents before replies; return them."""
    written = []
    # A reply needs its parent's primary key, known once the parent is written.
    for depth in zip_longest(*(post.levels for post in posts), fillvalue=()):
        rows = []
        for pairs in depth:
            for row, parent in pairs:
                if parent is not None:
                    row.parent_id, row.root_id = parent.pk, parent.root_id or parent.pk
                rows.append(row)
        written += Comment.objects.bulk_create(rows)
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
