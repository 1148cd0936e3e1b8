"""Import WordPress exports: authors, sections, tags, posts with their comments, attachments.

Each item (a post with its comments) is written in its own transaction: a malformed item is
skipped with its reason and the rest of the file still imports. Everything is found again by
its identity (external_id, slug, e-mail or login), so importing a file twice adds nothing.
It lives in the project, not in articles/, because it writes comments too.
"""

import hashlib
import ipaddress
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from html import unescape

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from articles.models import BODY_MAX_LENGTH, Article, Attachment, Category, SlugRedirect, Tag
from articles.slugs import unique_slug
from articles.tasks import article_went_live, enqueue_at
from comments import models as comment_models
from comments.models import Comment
from newsroom.html import plain_text, plain_text_to_html
from newsroom.pagecache import bump
from newsroom.progress import Progress
from newsroom.text import single_line, strip_controls

from . import wordpress as wxr

TERM_MAX_LENGTH = 100
IDENTITY_MAX_LENGTH = 500
PRIVATE, PROTECTED = "private", "password-protected"

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # a future publish time is what "scheduled" means here
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.PENDING,
    "private": Article.Status.DRAFT,
    "trash": Article.Status.TRASH,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}
COMMENT_KINDS = {"pingback": Comment.Kind.PINGBACK, "trackback": Comment.Kind.TRACKBACK}
EXTRA_NEWLINES = re.compile(r"\n{3,}")
NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


class SkipItem(Exception):
    """An item that cannot be imported; the message says why."""


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
    other_types: Counter = field(default_factory=Counter)  # post type: not imported
    protected: list = field(default_factory=list)  # titles of password-protected posts
    skipped: list = field(default_factory=list)  # (label, reason)
    errors: list = field(default_factory=list)  # files that could not be read

    def add(self, other):
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def import_files(paths, *, progress_stream=None):
    """Import each file in turn; a file that cannot be read is reported, the others import."""
    summary = Summary()
    for path in paths:
        try:
            import_file(path, summary, progress_stream=progress_stream)
        except wxr.WXRError as error:
            summary.errors.append(_("{path}: {error}").format(path=path, error=error))
    return summary


def import_file(path, summary, *, progress_stream=None):
    stream = progress_stream or sys.stderr
    watched = hasattr(stream, "isatty") and stream.isatty()
    progress = Progress(wxr.count_items(path) if watched else 0, stream)
    importer = Importer(summary)
    try:
        for record in wxr.read_wxr(path):
            importer.add(record)
            if isinstance(record, wxr.Item):
                progress.step()
        importer.finish()
    finally:
        progress.close()


class Importer:
    """One file's import: its site, and the users, sections and tags met so far."""

    def __init__(self, summary):
        self.summary = summary
        self.site_url = ""
        self.authors, self.terms = [], []
        self.users, self.users_by_wp_id = {}, {}
        self.categories, self.tags = {}, {}
        self.unlinked = []  # (attachment pk, parent post identity): the post may come later
        self.known = None  # identities of the posts and comments imported before
        self.slugs = None  # the slugs articles have or had
        self.comments_added = False
        self.result, self.undo = Summary(), []

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
        self.flush()
        self.link_attachments()
        if self.comments_added:
            bump()  # bulk_create sends no post_save: pages showing these comments are stale

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
        """The post's own slug, or it with the first free "-N"; empty lets Article.save make one."""
        if self.slugs is None:
            # Read once: two queries an item were a fifth of the import's time. Should another
            # writer take a slug meanwhile, the unique index refuses the item, reported.
            self.slugs = set(Article.objects.values_list("slug", flat=True))
            self.slugs.update(SlugRedirect.objects.values_list("old_slug", flat=True))
        return unique_slug(slug, self.slugs.__contains__) if slug else ""

    def take_slug(self, slug):
        self.slugs.add(slug)
        self.undo.append(lambda: self.slugs.discard(slug))

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
        self.result, self.undo = Summary(), []
        try:
            with transaction.atomic():
                value = write(*args)
        except SkipItem as reason:
            return self.skip(label, str(reason))
        except ValidationError as error:
            return self.skip(label, _("invalid: {error}").format(error="; ".join(error.messages)))
        except (DatabaseError, ValueError) as error:
            return self.skip(label, _("invalid: {error}").format(error=error))
        self.summary.add(self.result)
        return value

    def skip(self, label, reason):
        for forget in self.undo:  # what the rolled-back transaction made is gone
            forget()
        label = Truncator(single_line(label) or "?").chars(80)
        self.summary.skipped.append((label, reason))

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
        write = {"post": self.post, "page": self.page, "attachment": self.attachment}
        if item.post_type not in write:
            self.summary.other_types[item.post_type or "?"] += 1
            return
        label = item.title or item.slug or "#" + item.post_id
        self.guarded(label, write[item.post_type], item)

    def post(self, item):
        if not item.post_id:
            raise SkipItem(_("it has no post id"))
        if item.status == "auto-draft":
            raise SkipItem(_("an automatic draft WordPress kept, never written"))
        published_at = item_time(item.date_gmt, item.date) or timezone.now()
        key = self.identity(item.post_id)
        article = None
        if self.seen(key):
            article = imported(Article).filter(external_id=key).first()
        outcome = "unchanged"
        if article is None:
            article, outcome = self.new_article(item, published_at), "new"
            self.remember(key)
            if item.password:
                self.result.protected.append(article.title)
        self.result.posts[post_state(item, published_at), outcome] += 1
        self.add_comments(article, item.comments)
        return article

    def new_article(self, item, published_at):
        status = Article.Status.DRAFT
        if not item.password:  # a password-protected post waits for an editor's decision
            status = STATUSES.get(item.status, Article.Status.DRAFT)
        article = Article(
            title=post_title(item.title),
            excerpt=Truncator(single_line(plain_text(item.excerpt))).chars(1000),
            body=wxr.autop(item.content),
            author=self.user(wxr.Author(login=item.creator)),
            category=self.section(item.categories),
            status=status,
            published_at=published_at,
            featured=item.sticky == "1",
            comments_open=item.comment_status != "closed",
            external_id=self.identity(item.post_id),
        )
        if len(article.body) > BODY_MAX_LENGTH:
            message = _("its text is longer than {limit} characters")
            raise SkipItem(message.format(limit=BODY_MAX_LENGTH))
        set_workflow_fields(article)
        article.slug = self.free_slug(item.slug.removesuffix("__trashed"))
        article.full_clean(
            exclude=["body", "slug", "category", "author"],
            validate_unique=False,
            validate_constraints=False,
        )
        # Article.save adds one to the version; setting what it will be saves an UPDATE after.
        article.import_version = article.version + 1
        article.save()
        self.take_slug(article.slug)
        tags = {self.tag(slug, name).pk for slug, name in item.tags}
        # One INSERT, no m2m_changed: the article's own post_save has just told the page cache.
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=article.pk, tag_id=tag) for tag in tags
        )
        if article.status == Article.Status.PUBLISHED and article.went_live_at is None:
            when, pk = article.published_at, article.pk
            transaction.on_commit(lambda: enqueue_at(article_went_live, when, pk))
        return article

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

    def add_comments(self, article, comments):
        """Add the comments not imported before, parents first, one INSERT per depth."""
        keys = {self.identity("comment", comment.id): comment for comment in comments if comment.id}
        # A reply in this file may answer a comment a previous file brought.
        wanted = {key: comment.id for key, comment in keys.items()} | {
            self.identity("comment", comment.parent_id): comment.parent_id for comment in comments
        }
        stored = (
            imported(Comment)
            .filter(external_id__in=[key for key in wanted if self.seen(key)])
            .values_list("external_id", "pk", "root_id", "depth")
        )
        # wp id -> (pk, the root its replies get, depth) of every comment stored so far
        placed = {wanted[key]: (pk, root or pk, depth) for key, pk, root, depth in stored}
        self.result.comments_unchanged += len(placed.keys() & {c.id for c in keys.values()})
        rows = {
            comment.id: self.new_comment(article, key, comment)
            for key, comment in keys.items()
            if comment.id not in placed
        }
        by_id = {comment.id: comment for comment in keys.values()}
        levels, parents = thread_levels({wp_id: by_id[wp_id].parent_id for wp_id in rows})
        for level in levels:
            for wp_id in level:
                parent = placed.get(parents[wp_id])
                if parent:
                    row = rows[wp_id]
                    row.parent_id, row.root_id, row.depth = parent[0], parent[1], parent[2] + 1
            Comment.objects.bulk_create([rows[wp_id] for wp_id in level])
            for wp_id in level:
                row = rows[wp_id]
                placed[wp_id] = (row.pk, row.root_id or row.pk, row.depth)
                self.result.comments[row.status, row.kind] += 1
                self.remember(row.external_id)
                self.comments_added = True

    def new_comment(self, article, key, comment):
        """An unsaved Comment with what Comment.save would compute (bulk_create skips save)."""
        try:
            created_at = item_time(comment.date_gmt, comment.date) or article.published_at
        except SkipItem as error:
            raise SkipItem(_("comment {id}: {error}").format(id=comment.id, error=error)) from None
        body = comment_body(comment.content)
        name = single_line(unescape(comment.author))[: comment_models.NAME_MAX_LENGTH]
        return Comment(
            article=article,
            name=name or _("Anonymous"),
            email=comment_email(comment.email),
            url=web_url(comment.url),
            body=body,
            body_html=plain_text_to_html(body),
            status=COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING),
            kind=COMMENT_KINDS.get(comment.type, Comment.Kind.COMMENT),
            ip=ip_or_none(comment.ip),
            user=self.users_by_wp_id.get(comment.user_id),
            external_id=key,
            created_at=created_at,
        )


def imported(model):
    """Rows that came from an import; the condition lets SQLite use the partial unique index."""
    return model.objects.exclude(external_id="")


def thread_levels(parents):
    """Comment ids in insertion order, a list per depth, each after its parent.

    `parents` maps a new comment's id to its parent's; a parent outside it is already stored
    or absent. Returns the levels and the parents, where a loop of parents (a malformed file)
    is broken by making one of them a first comment.
    """
    waiting, parents, levels = dict(parents), dict(parents), []
    while waiting:
        level = [wp_id for wp_id, parent in waiting.items() if parent not in waiting]
        if not level:
            first = next(iter(waiting))
            parents[first] = waiting[first] = ""
            continue
        for wp_id in level:
            del waiting[wp_id]
        levels.append(level)
    return levels, parents


def find_or_create_user(author, username):
    """(user, created): matched by e-mail, else by login; a new one cannot log in."""
    users = get_user_model().objects
    email = author.email.strip()
    user = users.filter(email__iexact=email).order_by("pk").first() if email else None
    user = user or users.filter(username=username).first()
    if user is not None:
        return user, False
    first, last = author.first_name[:150], author.last_name[:150]
    if not (first or last) and author.display_name != author.login:
        first = single_line(author.display_name)[:150]  # the name WordPress showed readers
    user = get_user_model()(
        username=username, email=email[:254], first_name=first, last_name=last, is_staff=False
    )
    user.set_unusable_password()
    user.save()
    return user, True


def term_slug(slug, name):
    """A Unicode slug: the term's own (already percent-decoded), else made from its name."""
    return slugify(slug or name, allow_unicode=True)[:TERM_MAX_LENGTH].strip("-")


def term_name(name, slug):
    return single_line(unescape(name or ""))[:TERM_MAX_LENGTH] or slug


def free_name(model, name):
    """The name, or it with the first free " (N)": names are unique, WordPress's need not be."""
    candidate, number = name, 2
    while model.objects.filter(name=candidate).exists():
        suffix = f" ({number})"
        candidate = name[: TERM_MAX_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate


def post_title(value):
    """Titles are plain text here; WordPress allows markup and entities in them."""
    return Truncator(single_line(plain_text(value))).chars(300) or _("(no title)")


def post_state(item, published_at):
    """The line of the summary a post is counted in."""
    if item.password:
        return PROTECTED
    if item.status == "private":
        return PRIVATE
    status = STATUSES.get(item.status, Article.Status.DRAFT)
    if status == Article.Status.PUBLISHED and published_at > timezone.now():
        return Article.SCHEDULED
    return status


def set_workflow_fields(article):
    if article.status == Article.Status.TRASH:
        article.previous_status = Article.Status.DRAFT
        article.trashed_at = timezone.now()  # the trash is emptied that many days after import
    elif article.status == Article.Status.PUBLISHED and article.published_at <= timezone.now():
        # Its going-live (notifications) happened on the old site, years ago perhaps.
        article.went_live_at = article.published_at


def item_time(gmt, local):
    try:
        return wxr.parse_date(gmt, local)
    except ValueError:
        wrong = gmt if gmt and gmt != wxr.ZERO_DATE else local
        raise SkipItem(_("invalid date «{date}»").format(date=wrong)) from None


def comment_body(content):
    """Plain text, as comments are stored; WordPress keeps some HTML in them."""
    text = strip_controls(plain_text(content)).strip()
    return EXTRA_NEWLINES.sub("\n\n", text)[: comment_models.BODY_MAX_LENGTH]


def comment_email(value):
    """Lower-cased as Comment.save does; dropped when it would not fit the column."""
    value = value.strip().lower()
    return value if len(value) <= comment_models.EMAIL_MAX_LENGTH else ""


def web_url(value):
    """A commenter's website, only over http(s): it becomes a link on the public page."""
    value = strip_controls(value).strip()
    schemes = ("http://", "https://")
    ok = value.lower().startswith(schemes) and len(value) <= comment_models.URL_MAX_LENGTH
    return value if ok else ""


def ip_or_none(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
