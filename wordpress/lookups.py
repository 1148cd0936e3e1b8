"""What an import finds again or makes, by identity, and how to forget it when rolled back.

Users, sections, tags and news sources are looked up once a file and kept, and so are the
identities of what earlier imports brought and the slugs in use: one query each, not one an
item. A transaction that made some of them may be rolled back, so every change to these caches
goes in a journal with the way to undo it; a rollback undoes the changes made since its mark.
"""

import hashlib
import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.models import Article, Category, SlugRedirect, Source, Tag
from articles.slugs import unique_slug
from comments.models import Comment
from core.text import single_line

from .fields import TERM_MAX_LENGTH, SkipItem, term_name, term_slug
from .sources import NAME_MAX_LENGTH
from .summary import Summary

IDENTITY_MAX_LENGTH = 500
HOMEPAGE_MAX_LENGTH = Source._meta.get_field("homepage").max_length
NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


class Lookups:
    """One file's users, sections, tags, sources, imported identities and slugs in use."""

    def __init__(self):
        self.site_url = ""  # the blog's address, part of every identity
        # What the record being written found and made, counted only once it is committed.
        self.tally = Summary()
        self.users, self.users_by_wp_id = {}, {}
        self.categories, self.tags, self.sources = {}, {}, {}
        self.feeds = {}  # WP RSS Aggregator feed post id -> its name
        self.known = None  # identities of the posts and comments imported before
        self.slugs = None  # the slugs articles have or had
        self.journal = []  # how to undo each change made since the last commit

    # The journal.

    def mark(self):
        """Return the journal's position, to roll back or commit to later."""
        return len(self.journal)

    def begin(self):
        """Start a record: a tally of its own, and the journal's mark."""
        self.tally = Summary()
        return self.mark()

    def rollback(self, mark):
        """Forget the changes made since `mark`: their transaction was rolled back."""
        while len(self.journal) > mark:
            self.journal.pop()()

    def commit(self, mark):
        """Keep the changes made since `mark`: their transaction is committed."""
        del self.journal[mark:]

    def keep(self, cache, key, value):
        """Put a value in a cache until a rollback takes it out."""
        cache[key] = value
        self.journal.append(lambda: cache.pop(key, None))
        return value

    # Identities of posts and comments, and slugs.

    def identity(self, *parts):
        """Return the external_id of a post or comment of this site."""
        key = ":".join(["wxr", self.site_url, *parts])
        if len(key) > IDENTITY_MAX_LENGTH:
            key = "wxr:sha1:" + hashlib.sha1(key.encode()).hexdigest()  # noqa: S324
        return key

    def seen(self, key):
        """Tell whether a post or comment was imported before (one query a file)."""
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

    def remember(self, key):
        """Count a post or comment as imported, once seen() has read the stored ones."""
        self.known.add(key)
        self.journal.append(lambda: self.known.discard(key))

    def free_slug(self, slug):
        """Take the slug, or it with the first free "-N"."""
        if self.slugs is None:
            # Read once: two queries an item were a fifth of the import's time. Should another
            # writer take a slug meanwhile, the unique index refuses the batch, which is then
            # replayed post by post and the one post reported.
            self.slugs = set(Article.objects.values_list("slug", flat=True))
            self.slugs.update(SlugRedirect.objects.values_list("old_slug", flat=True))
        slug = unique_slug(slug, self.slugs.__contains__)
        self.slugs.add(slug)
        self.journal.append(lambda: self.slugs.discard(slug))
        return slug

    # Users, sections, tags and sources: found, else made, when first met.

    def user(self, author):
        """Return the user of a WordPress login: met before, by e-mail, by login, or new."""
        username = NOT_IN_USERNAME.sub("", author.login)[:150]
        if not username:
            return None
        if username not in self.users:
            user, created = find_or_create_user(author, username)
            self.tally.authors["new" if created else "existing"] += 1
            self.keep(self.users, username, user)
        return self.users[username]

    def add_author(self, author):
        """Find or make a WXR author's user, and know it by its WordPress id."""
        user = self.user(author)
        if author.id:
            self.keep(self.users_by_wp_id, author.id, user)

    def term(self, model, slug, name):
        """Return (row, created) of a section or tag, found by its slug."""
        slug = term_slug(slug, name)
        if not slug:
            raise SkipItem(_("it has neither a slug nor a name"))
        cache = self.categories if model is Category else self.tags
        if slug in cache:
            return cache[slug], False
        found = model.objects.filter(slug=slug).first()
        created = found is None
        counter = self.tally.categories if model is Category else self.tally.tags
        counter["new" if created else "existing"] += 1
        if created:
            found = model.objects.create(slug=slug, name=free_name(model, term_name(name, slug)))
        return self.keep(cache, slug, found), created

    def category(self, slug, name):
        return self.term(Category, slug, name)[0]

    def tag(self, slug, name):
        return self.term(Tag, slug, name)[0]

    def section(self, categories):
        """Return the item's first section, else the uncategorised one (made when needed)."""
        for slug, name in categories:
            if term_slug(slug, name):
                return self.category(slug, name)
        return self.category(Category.UNCATEGORISED_SLUG, Category.UNCATEGORISED_NAME)

    def source(self, found):
        """Return the news source by its name, else by its site's host; made when first met."""
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
            self.tally.sources["new" if created else "existing"] += 1
            self.keep(self.sources, name, source)
        return self.sources[name]


def imported(model):
    """Return the rows an import brought; the condition lets SQLite use the partial index."""
    return model.objects.exclude(external_id="")


def site_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""


def source_of_host(host):
    """Return a source whose homepage is on this host (www. or not), as an editor made it."""
    if not host:
        return None
    for source in Source.objects.filter(homepage__icontains=host).order_by("pk"):
        if (urlsplit(source.homepage).hostname or "").removeprefix("www.") == host:
            return source
    return None


def find_or_create_user(author, username):
    """Return (user, created): matched by e-mail, else by login; a new one cannot log in."""
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


def free_name(model, name):
    """Return the name, or it with the first free " (N)": WordPress's need not be unique."""
    candidate, number = name, 2
    while model.objects.filter(name=candidate).exists():
        suffix = f" ({number})"
        candidate = name[: TERM_MAX_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate
