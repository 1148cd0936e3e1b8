"""The text of imported posts, cleaned in other processes while this one writes the rows.

Cleaning a body with bleach, building its search text and turning comments into HTML cost
more than writing a post to the database. These are pure functions of a WXR item; a large
import runs them in a pool of processes (one a core) on the next batch of posts while the
database takes the current one.
"""

import multiprocessing
import os
import threading
from dataclasses import dataclass

from django.utils.text import Truncator

from articles.models import Article
from comments.models import Comment
from core.html import plain_text
from core.text import single_line

from . import reader as wxr
from .fields import comment_body, post_title


@dataclass(frozen=True)
class ArticleText:
    title: str
    excerpt: str
    body: str
    search_text: str


def article_text(item):
    """Return the title, excerpt, body and search text as Article.save would store them."""
    # Imported articles are written in bulk, which skips save(): this is its work on the text.
    excerpt = Truncator(single_line(plain_text(item.excerpt))).chars(1000)
    title, body, search_text = Article.stored_text(
        post_title(item.title), excerpt, wxr.autop(item.content)
    )
    return ArticleText(title, excerpt, body, search_text)


def comment_text(content):
    """Return (body, body_html) as Comment.save would store them."""
    body = comment_body(content)
    return body, Comment.body_to_html(body)


def item_texts(item, with_article):
    """Clean a post's text in a worker: its article's (when new) and its comments'."""
    try:
        article = article_text(item) if with_article else None
        return article, [comment_text(comment.content) for comment in item.comments]
    except Exception:  # the importer does it again itself, and skips the post, saying why
        return None


# A batch takes about a second; a Pool whose worker was killed never answers for its tasks.
WAIT_SECONDS = 300


class TextPool:
    """Worker processes that clean a batch of posts while this process writes another."""

    def __init__(self, processes=None):
        # fork: the workers start at once, with Django set up; they run the pure functions
        # above and never use the database connection they inherit. See usable().
        context = multiprocessing.get_context("fork")
        self.processes = processes or os.cpu_count() or 1
        self.pool = context.Pool(self.processes)

    @staticmethod
    def usable():
        """Tell whether this process may fork: only with no other thread, which may hold a lock."""
        return threading.active_count() == 1

    def submit(self, items, with_article):
        """Start cleaning the items; collect() gives item_texts() of each, in order."""
        chunk = max(1, len(items) // (self.processes * 2))
        return self.pool.starmap_async(
            item_texts, zip(items, with_article, strict=True), chunksize=chunk
        )

    def collect(self, answer, count):
        """Return what submit() started; Nones (done here instead) if it never came whole."""
        try:
            return answer.get(timeout=WAIT_SECONDS)
        except Exception:  # a worker died (a timeout) or its answer could not be sent back
            return [None] * count

    def close(self):
        # By now the import has collected every answer it wanted, or has failed: stopping the
        # workers loses nothing.
        self.pool.terminate()
        self.pool.join()
