"""Import WordPress exports: authors, sections, tags, posts with their comments and sources.

Posts are written in batches, one transaction and a few INSERTs each (wordpress_batch); in a
large file their text is cleaned meanwhile in other processes (wordpress_text). A malformed
post is skipped with its reason and the rest of its batch imports. Should the database refuse
a batch, or a post fail after something was written for it, the batch is rolled back and
written again one post a transaction, so exactly the culprit is left out. Everything is found
again by its identity (external_id, slug, e-mail or login), so importing a file twice adds
nothing. It lives in the project, not in articles/, because it writes comments too.
"""

import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import (
    BODY_MAX_LENGTH,
    Article,
    Attachment,
    Category,
    SlugRedirect,
    Source,
    Tag,
)
from articles.slugs import unique_slug
from comments.models import Comment
from core.html import plain_text
from core.pagecache import bump
from core.progress import Progress
from core.text import single_line, strip_controls

from . import reader as wxr
from .batch import Post, Replay, WriteCounter, write_posts
from .fields import (
    COMMENT_KINDS,
    COMMENT_STATUSES,
    PRIVATE,
    PROTECTED,
    SkipItem,
    comment_email,
    commenter_name,
    ip_or_none,
    item_time,
    post_state,
    post_status,
    post_title,
    set_workflow_fields,
    term_name,
    term_slug,
    thread_levels,
    web_url,
)
from .lookups import find_or_create_user, free_name, imported, site_of, source_of_host
from .sources import NAME_MAX_LENGTH, attribution
from .text import TextPool, article_text, comment_text

__all__ = ["PRIVATE", "PROTECTED", "Summary", "import_files"]

IDENTITY_MAX_LENGTH = 500
# Posts a transaction: large enough that INSERTs and commits cost little per post, small
# enough that a batch the database refuses is quickly replayed one post at a time.
BATCH_SIZE = 100
HOMEPAGE_MAX_LENGTH = Source._meta.get_field("homepage").max_length
NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


@dataclass
class Summary:
    posts: Counter = field(default_factory=Counter)  # (state, "new" or "unchanged")
    comments: Counter = field(default_factory=Counter)  # (status, kind) of new comments
    comments_unchanged: int = 0
    pages: list = field(default_factory=list)  # (title, slug): not imported
    page_comments: int = 0
    attachments: Counter = field(default_factory=Counter)  # "new" or "unchanged"
    categories: Counter = field(default_factory=Counter)  # "new" or "existing"
    tags: Counter = field(default_factory=Counter)
    authors: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)  # news sources: "new" or "existing"
    attributed: int = 0  # new articles that name their source or link to the original
    other_types: Counter = field(default_factory=Counter)  # post type: not imported
    protected: list = field(default_factory=list)  # titles of password-protected posts
    skipped: list = field(default_factory=list)  # (label, reason)
    errors: list = field(default_factory=list)  # files that could not be read

    def add(self, other):
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def import_files(paths, *, progress_stream=None, source_keys=()):
    """Import each file in turn; a file that cannot be read is reported, the others import.

    `source_keys` name custom fields that hold a post's source (a name or the original's URL),
    read before the well-known ones.
    """
    summary = Summary()
    for path in paths:
        try:
            import_file(path, summary, progress_stream=progress_stream, source_keys=source_keys)
        except wxr.WXRError as error:
            summary.errors.append(_("{path}: {error}").format(path=path, error=error))
    return summary


def import_file(path, summary, *, progress_stream=None, source_keys=()):
    stream = progress_stream or sys.stderr
    watched = hasattr(stream, "isatty") and stream.isatty()
    progress = Progress(wxr.count_items(path) if watched else 0, stream)
    importer = Importer(summary, source_keys=source_keys)
    try:
        try:
            for record in wxr.read_wxr(path):
                importer.add(record)
                if isinstance(record, wxr.Item):
                    progress.step()
        except wxr.WXRError:
            importer.finish()  # the posts before the broken part (a cut download) still import
            raise
        importer.finish()
    finally:
        importer.close()
        progress.close()


class Importer:
    """One file's import: its site, and the users, sections, tags and sources met so far."""

    def __init__(self, summary, *, source_keys=()):
        self.summary = summary
        self.source_keys = tuple(source_keys)
        self.site_url = ""
        self.authors, self.terms = [], []
        self.users, self.users_by_wp_id = {}, {}
        self.categories, self.tags, self.sources = {}, {}, {}
        self.feeds = {}  # WP RSS Aggregator feed post id -> its name
        self.unlinked = []  # (attachment pk, parent post identity): the post may come later
        self.known = None  # identities of the posts and comments imported before
        self.slugs = None  # the slugs articles have or had
        self.queue, self.queued = [], set()  # posts waiting for their batch, their identities
        self.sent = ([], None)  # the batch being cleaned: its items, the pool's answer
        self.pool = None  # started when a file has a batch of posts
        # Where a record's counts go: `result` while it is written, then `outcome` (the summary,
        # or a batch's own until the batch commits). `undo` holds how to forget what the open
        # transaction made, should it be rolled back.
        self.result, self.outcome, self.undo = Summary(), summary, []

    def add(self, record):
        if isinstance(record, wxr.Site):
            # The blog's own address: a network's sites share base_site_url but not post ids.
            self.site_url = record.base_blog_url or record.base_site_url or record.link
        elif isinstance(record, wxr.Author):
            self.authors.append(record)
        elif isinstance(record, wxr.Term):
            self.terms.append(record)
        else:
            self.flush()
            self.item(record)

    def finish(self):
        self.send_batch()
        self.write_batch()
        self.flush()
        self.link_attachments()

    def close(self):
        if self.pool is not None:
            self.pool.close()

    def seen(self, key):
        """Whether a post or comment was imported before (one query per file, not per item)."""
        if self.known is None:
            prefixes = Q(external_id__startswith=self.identity("")) | Q(
                external_id__startswith="wxr:sha1:"
            )
            self.known = set()
            for model in (Article, Comment):
                self.known.update(
                    imported(model).filter(prefixes).values_list("external_id", flat=True)
                )
        return key in self.known

    def free_slug(self, slug):
        """The slug, or it with the first free "-N"."""
        if self.slugs is None:
            # Read once: two queries an item were a fifth of the import's time. Should another
            # writer take a slug meanwhile, the unique index refuses the batch, which is then
            # replayed post by post and the one post reported.
            self.slugs = set(Article.objects.values_list("slug", flat=True))
            self.slugs.update(SlugRedirect.objects.values_list("old_slug", flat=True))
        slug = unique_slug(slug, self.slugs.__contains__)
        self.slugs.add(slug)
        self.undo.append(lambda: self.slugs.discard(slug))
        return slug

    def remember(self, key):
        self.known.add(key)
        self.undo.append(lambda: self.known.discard(key))

    def identity(self, *parts):
        key = ":".join(["wxr", self.site_url, *parts])
        if len(key) > IDENTITY_MAX_LENGTH:
            key = "wxr:sha1:" + hashlib.sha1(key.encode()).hexdigest()  # noqa: S324
        return key

    def guarded(self, label, write, *args):
        """Run one write in its own transaction; when it fails, skip it and say why."""
        self.result, mark = Summary(), len(self.undo)
        try:
            with transaction.atomic():
                value = write(*args)
        except (SkipItem, ValidationError, DatabaseError, ValueError) as error:
            return self.skip(label, reason(error), mark)
        del self.undo[mark:]  # committed: nothing of it will be rolled back
        self.outcome.add(self.result)
        return value

    def skip(self, label, reason, mark):
        self.forget(mark)
        label = Truncator(single_line(label) or "?").chars(80)
        self.outcome.skipped.append((label, reason))

    def forget(self, mark):
        """Forget what was remembered since `mark`: its transaction was rolled back."""
        while len(self.undo) > mark:
            self.undo.pop()()

    # Authors, sections and tags: WXR lists them before the items.

    def flush(self):
        for author in self.authors:
            self.guarded(author.login, self.add_author, author)
        categories = [term for term in self.terms if term.taxonomy == "category"]
        children = []
        for term in categories:
            made = self.guarded(term.name or term.slug, self.add_category, term)
            if made and made[1] and term.parent:
                children.append((term, made[0]))
        # Parents once every section exists: a parent may be listed after its children.
        for term, category in children:
            self.guarded(term.name, self.set_parent, category, term.parent, categories)
        for term in self.terms:
            if term.taxonomy == "post_tag":
                self.guarded(term.name or term.slug, self.add_tag, term)
        self.authors, self.terms = [], []

    def add_author(self, author):
        user = self.user(author)
        if author.id:
            self.users_by_wp_id[author.id] = user

    def user(self, author):
        """The user of a WordPress login: met before, by e-mail, by login, or a new account."""
        username = NOT_IN_USERNAME.sub("", author.login)[:150]
        if not username:
            return None
        if username not in self.users:
            user, created = find_or_create_user(author, username)
            self.result.authors["new" if created else "existing"] += 1
            self.users[username] = user
            self.undo.append(lambda: self.users.pop(username, None))
        return self.users[username]

    def add_category(self, term):
        return self.term(Category, self.categories, term.slug, term.name)

    def add_tag(self, term):
        return self.term(Tag, self.tags, term.slug, term.name)

    def set_parent(self, category, parent, batch):
        """Put a new section under its parent: by slug, or by name as WXR 1.0 gives it."""
        slug = term_slug(parent, "")
        term = next((term for term in batch if term_slug(term.slug, term.name) == slug), None)
        term = term or next((term for term in batch if term.name == parent), None)
        found = self.category(term.slug, term.name) if term else None
        found = found or Category.objects.filter(slug=slug).first()
        if found is not None and found.pk != category.pk:
            category.parent = found
            category.save(update_fields=["parent"])

    def term(self, model, cache, slug, name):
        """(row, created) of a section or tag, found by its slug."""
        slug = term_slug(slug, name)
        if not slug:
            raise SkipItem(_("it has neither a slug nor a name"))
        if slug in cache:
            return cache[slug], False
        found = model.objects.filter(slug=slug).first()
        created = found is None
        counter = self.result.categories if model is Category else self.result.tags
        counter["new" if created else "existing"] += 1
        if created:
            found = model.objects.create(slug=slug, name=free_name(model, term_name(name, slug)))
            self.undo.append(lambda: cache.pop(slug, None))
        cache[slug] = found
        return found, created

    def category(self, slug, name):
        return self.term(Category, self.categories, slug, name)[0]

    # Items.

    def item(self, item):
        if item.post_type == "post":
            self.enqueue(item)
            return
        if item.post_type == "wprss_feed":  # a feed of WP RSS Aggregator: names its posts' source
            self.feeds[item.post_id] = single_line(plain_text(item.title))
        write = {"page": self.page, "attachment": self.attachment}
        if item.post_type not in write:
            self.summary.other_types[item.post_type or "?"] += 1
            return
        self.guarded(item_label(item), write[item.post_type], item)

    def enqueue(self, item):
        key = self.identity(item.post_id)
        if key in self.queued:  # the same post twice: the second finds the first written
            self.send_batch()
        self.queue.append(item)
        self.queued.add(key)
        if len(self.queue) >= BATCH_SIZE:
            self.send_batch()

    def send_batch(self):
        """Hand the queued posts' text to the pool, and write the batch sent before.

        So the workers clean one batch while this process writes the previous one. A file
        with less than a batch of posts never starts the pool.
        """
        items, self.queue, self.queued = self.queue, [], set()
        texts = None
        if items and (self.pool or (len(items) >= BATCH_SIZE and TextPool.usable())):
            self.pool = self.pool or TextPool()
            new = [not self.seen(self.identity(item.post_id)) for item in items]
            texts = self.pool.submit(items, new)
        self.write_batch()
        self.sent = (items, texts)

    def write_batch(self):
        """Write the batch sent in one transaction; if it fails, one transaction a post."""
        items, texts = self.sent
        self.sent = ([], None)
        if not items:
            return
        texts = self.pool.collect(texts, len(items)) if texts else [None] * len(items)
        batch, mark, writes = Summary(), len(self.undo), WriteCounter()
        self.outcome = batch  # counted once the batch is committed
        try:
            with transaction.atomic(), connection.execute_wrapper(writes):
                posts = [
                    self.prepared(item, text, writes)
                    for item, text in zip(items, texts, strict=True)
                ]
                written = write_posts([post for post in posts if post])
        except (Replay, DatabaseError):
            self.forget(mark)
            self.outcome = self.summary
            replayed = [  # a list, not a generator: any() would stop at the first
                self.guarded(item_label(item), self.post_alone, item, text)
                for item, text in zip(items, texts, strict=True)
            ]
            written = any(replayed)
        else:
            self.summary.add(batch)
        finally:
            self.outcome = self.summary
        del self.undo[mark:]  # committed: nothing of it will be rolled back
        if written:
            bump()  # bulk_create sends no post_save: pages showing these posts are stale

    def prepared(self, item, text, writes):
        """The post ready to be written in the batch, or None when it is skipped.

        No savepoint a post: two more round trips each were a third of a batch's time. A post
        that fails before anything was written for it is simply left out; one that fails
        after a write (a new section, tag, user or source) raises Replay, so the batch is
        rolled back and written again one transaction a post.
        """
        self.result, mark, before = Summary(), len(self.undo), writes.count
        try:
            post = self.post(item, text)
        except (SkipItem, ValidationError, ValueError) as error:
            if writes.count != before:
                raise Replay from error
            return self.skip(item_label(item), reason(error), mark)
        self.outcome.add(self.result)
        return post

    def post_alone(self, item, texts):
        return write_posts([self.post(item, texts)])

    def post(self, item, texts=None):
        """The post made ready for writing: its rows, unsaved, but new sections, tags, users.

        `texts` is what the pool made of its text, if it did: (ArticleText, comment texts).
        What may fail is done first, what may write last, so that a malformed post is left
        out of its batch without the batch being written again.
        """
        if not item.post_id:
            raise SkipItem(_("it has no post id"))
        if item.status == "auto-draft":
            raise SkipItem(_("an automatic draft WordPress kept, never written"))
        published_at = item_time(item.date_gmt, item.date) or timezone.now()
        key = self.identity(item.post_id)
        article = None
        if self.seen(key):
            article = imported(Article).filter(external_id=key).first()
        text, comment_texts = texts or (None, None)
        post, found = Post(article, is_new=article is None), None
        if post.is_new:
            post.article, found = self.new_article(item, published_at, text)
        comment_texts = comment_texts or [comment_text(c.content) for c in item.comments]
        post.levels = self.new_comments(post.article, item.comments, comment_texts)
        if post.is_new:
            self.relate(post, item, found)
            self.remember(key)
            if item.password:
                self.result.protected.append(post.article.title)
        outcome = "new" if post.is_new else "unchanged"
        self.result.posts[post_state(item, published_at), outcome] += 1
        return post

    def new_article(self, item, published_at, text):
        """(article, attribution): the article validated, without its related rows yet."""
        if len(item.content) > BODY_MAX_LENGTH:
            message = _("its text is longer than {limit} characters")
            raise SkipItem(message.format(limit=BODY_MAX_LENGTH))
        text = text or article_text(item)
        found = attribution(item.meta, feeds=self.feeds, extra_keys=self.source_keys)
        article = Article(
            title=text.title,
            excerpt=text.excerpt,
            body=text.body,
            search_text=text.search_text,
            status=post_status(item),
            published_at=published_at,
            featured=item.sticky == "1",
            comments_open=item.comment_status != "closed",
            external_id=self.identity(item.post_id),
            original_url=found.url,
            original_published_at=found.published_at,
            byline=found.credit,
            # What Article.save would make them: the first version, written by this import.
            version=1,
            import_version=1,
        )
        set_workflow_fields(article)
        article.full_clean(
            exclude=["body", "slug", "category", "author", "source"],
            validate_unique=False,
            validate_constraints=False,
        )
        return article, found

    def relate(self, post, item, found):
        """Give a new article its author, section, source, tags and slug; these may write."""
        article = post.article
        article.author = self.user(wxr.Author(login=item.creator))
        article.category = self.section(item.categories)
        if found:
            article.source = self.source(found)
            article.show_attribution = article.source.show_attribution
            self.result.attributed += 1
        post.tags = {self.tag(slug, name).pk for slug, name in item.tags}
        article.slug = self.free_slug(item.slug.removesuffix("__trashed") or article.title)

    def source(self, found):
        """The news source by its name, else by its site's host; made when first met."""
        name = found.name or found.host[:NAME_MAX_LENGTH]
        if name not in self.sources:
            source = Source.objects.filter(name=name).first()
            if source is None and not found.name:
                source = source_of_host(found.host)
            created = source is None
            if created:
                homepage = found.homepage or site_of(found.url)
                if len(homepage) > HOMEPAGE_MAX_LENGTH:
                    homepage = site_of(homepage)
                source = Source.objects.create(name=name, homepage=homepage)
            self.result.sources["new" if created else "existing"] += 1
            self.sources[name] = source
            self.undo.append(lambda: self.sources.pop(name, None))
        return self.sources[name]

    def section(self, categories):
        """The item's first section, else the uncategorised one (made when first needed)."""
        for slug, name in categories:
            if term_slug(slug, name):
                return self.category(slug, name)
        return self.category(Category.UNCATEGORISED_SLUG, Category.UNCATEGORISED_NAME)

    def tag(self, slug, name):
        return self.term(Tag, self.tags, slug, name)[0]

    def page(self, item):
        self.result.pages.append((post_title(item.title), item.slug))
        self.result.page_comments += len(item.comments)

    def attachment(self, item):
        key = self.identity(item.post_id)
        if Attachment.objects.filter(external_id=key).exists():
            self.result.attachments["unchanged"] += 1
            return
        url = strip_controls(item.attachment_url).strip()
        if not url.lower().startswith(("http://", "https://")) or len(url) > 1000:
            raise SkipItem(_("the attachment has no usable URL"))
        parent = self.identity(item.parent_id) if item.parent_id not in ("", "0") else None
        article = imported(Article).filter(external_id=parent).first() if parent else None
        title = Truncator(single_line(plain_text(item.title))).chars(300)
        attachment = Attachment.objects.create(
            external_id=key, url=url, title=title, article=article
        )
        if parent and article is None:
            self.unlinked.append((attachment.pk, parent))
        self.result.attachments["new"] += 1

    def link_attachments(self):
        """Attach to their posts the attachments that came before them in the file."""
        keys = {key for _pk, key in self.unlinked}
        found = imported(Article).filter(external_id__in=keys).values_list("external_id", "pk")
        articles = dict(found)
        for pk, key in self.unlinked:
            if key in articles:
                Attachment.objects.filter(pk=pk, article=None).update(article_id=articles[key])
        self.unlinked = []

    # Comments.

    def new_comments(self, article, comments, texts):
        """The comments not imported before, a list per depth: (row, new parent or None).

        `texts` holds each comment's (body, body_html), in the order of `comments`.
        """
        texts = {id(comment): text for comment, text in zip(comments, texts, strict=True)}
        keys = {self.identity("comment", comment.id): comment for comment in comments if comment.id}
        # A reply in this file may answer a comment a previous file brought.
        wanted = {key: comment.id for key, comment in keys.items()} | {
            self.identity("comment", comment.parent_id): comment.parent_id for comment in comments
        }
        stored = [key for key in wanted if self.seen(key)]
        if stored:  # a first import has none: no query to build
            stored = (
                imported(Comment)
                .filter(external_id__in=stored)
                .values_list("external_id", "pk", "root_id", "depth")
            )
        # wp id -> (pk, the root its replies get, depth) of every comment stored before
        placed = {wanted[key]: (pk, root or pk, depth) for key, pk, root, depth in stored}
        self.result.comments_unchanged += len(placed.keys() & {c.id for c in keys.values()})
        rows = {
            comment.id: self.new_comment(article, key, comment, texts[id(comment)])
            for key, comment in keys.items()
            if comment.id not in placed
        }
        by_id = {comment.id: comment for comment in keys.values()}
        levels, parents = thread_levels({wp_id: by_id[wp_id].parent_id for wp_id in rows})
        for level in levels:
            for wp_id in level:
                row, parent = rows[wp_id], rows.get(parents[wp_id])
                if parent is not None:
                    row.depth = parent.depth + 1  # its parent's key is known once written
                elif parents[wp_id] in placed:
                    pk, root, depth = placed[parents[wp_id]]
                    row.parent_id, row.root_id, row.depth = pk, root, depth + 1
                self.result.comments[row.status, row.kind] += 1
                self.remember(row.external_id)
        return [[(rows[wp_id], rows.get(parents[wp_id])) for wp_id in level] for level in levels]

    def new_comment(self, article, key, comment, text):
        """An unsaved Comment with what Comment.save would compute (bulk_create skips save)."""
        try:
            created_at = item_time(comment.date_gmt, comment.date) or article.published_at
        except SkipItem as error:
            raise SkipItem(_("comment {id}: {error}").format(id=comment.id, error=error)) from None
        body, body_html = text
        return Comment(
            article=article,
            name=commenter_name(comment.author),
            email=comment_email(comment.email),
            url=web_url(comment.url),
            body=body,
            body_html=body_html,
            status=COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING),
            kind=COMMENT_KINDS.get(comment.type, Comment.Kind.COMMENT),
            ip=ip_or_none(comment.ip),
            user=self.users_by_wp_id.get(comment.user_id),
            external_id=key,
            created_at=created_at,
        )


def reason(error):
    """Why a record was skipped, as the summary says it."""
    if isinstance(error, SkipItem):
        return str(error)
    if isinstance(error, ValidationError):
        return _("invalid: {error}").format(error="; ".join(error.messages))
    return _("invalid: {error}").format(error=error)


def item_label(item):
    return item.title or item.slug or "#" + item.post_id
