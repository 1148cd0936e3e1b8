"""Republish news feeds: every entry becomes an attributed article, once, cleaned.

One transaction per entry: a broken entry is skipped with its reason and never leaves half a
record; the rest of the feed still imports. An entry updated at its source updates our copy
only while it is a draft no editor has touched.
"""

import hashlib
import urllib.error
import urllib.request
from calendar import timegm
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape

import feedparser
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.html import clean_html, plain_text
from core.progress import Progress
from core.text import single_line, strip_controls

from . import workflow
from .fetching import open_public
from .models import Article, Category, SourceFeed

TIMEOUT_SECONDS = 15
MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "newsroom-feed-importer/1.0"


class SkipEntry(Exception):
    """An entry that cannot become an article; the message says why."""


@dataclass
class Summary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (entry label, reason)
    errors: list = field(default_factory=list)  # feed-level problems

    def add(self, other):
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.errors += other.errors


def import_source(source, *, progress_stream=None):
    """Fetch every feed of a source (conditionally) and import what is new."""
    summary = Summary()
    for feed in source.feeds.all():
        summary.add(import_feed_url(feed, progress_stream=progress_stream))
    return summary


def import_feed_url(feed, *, progress_stream=None):
    summary = Summary()
    try:
        data = fetch(feed)
    except OSError as error:  # URLError, timeouts and refused connections are OSErrors
        summary.errors.append(
            _("{url}: could not be fetched ({error}).").format(url=feed.url, error=error)
        )
        result = summary.errors[-1]
    else:
        if data is None:
            result = _("not modified")
        else:
            summary = import_document(data, source=feed.source, progress_stream=progress_stream)
            result = _("{new} new, {updated} updated, {skipped} skipped").format(
                new=summary.new, updated=summary.updated, skipped=len(summary.skipped)
            )
    SourceFeed.objects.filter(pk=feed.pk).update(
        last_checked=timezone.now(), last_result=result[:500],
        etag=feed.etag, last_modified=feed.last_modified,
    )  # fmt: skip
    return summary


def fetch(feed):
    """The feed's bytes, or None when the server says it has not changed since last time."""
    request = urllib.request.Request(feed.url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    if feed.etag:
        request.add_header("If-None-Match", feed.etag)
    if feed.last_modified:
        request.add_header("If-Modified-Since", feed.last_modified)
    try:
        with open_public(request, TIMEOUT_SECONDS) as response:
            data = response.read(MAX_FEED_BYTES + 1)
            feed.etag = response.headers.get("ETag", "")[:500]
            feed.last_modified = response.headers.get("Last-Modified", "")[:100]
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        raise
    if len(data) > MAX_FEED_BYTES:
        raise OSError(_("the feed is larger than 10 MB"))
    return data


def import_document(data, *, source, progress_stream=None):
    """Import every entry of a feed document (bytes or a path) for a source."""
    parsed = feedparser.parse(data)
    summary = Summary()
    if not parsed.entries:
        if parsed.bozo:
            summary.errors.append(
                _("The feed could not be read: {error}").format(error=parsed.get("bozo_exception"))
            )
        return summary
    progress = Progress(len(parsed.entries), progress_stream)
    for entry in parsed.entries:
        try:
            with transaction.atomic():
                outcome = import_entry(entry, source=source)
        except SkipEntry as reason:
            summary.skipped.append((label(entry), str(reason)))
        except (ValidationError, DatabaseError, ValueError) as error:
            summary.skipped.append((label(entry), _("invalid: {error}").format(error=error)))
        else:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        progress.step()
    progress.close()
    return summary


def import_entry(entry, *, source):
    """Create or update the article for one entry; return "new", "updated" or "unchanged"."""
    fields = entry_fields(entry)
    fields["external_id"] = external_id(source, fields["external_id"])
    article = find_existing(source, fields)
    if article is None:
        article = Article(
            source=source,
            category=source.default_category or Category.uncategorised(),
            show_attribution=source.show_attribution,
            status=Article.Status.PUBLISHED if source.publish_directly else Article.Status.DRAFT,
            published_at=timezone.now(),
            **fields,
        )
        save(article)
        workflow.record_imported([article])
        return "new"
    editable = article.status == Article.Status.DRAFT and article.import_version == article.version
    if not editable or all(getattr(article, name) == value for name, value in fields.items()):
        return "unchanged"  # identical, published, or an editor's version: ours is kept
    for name, value in fields.items():
        setattr(article, name, value)
    save(article)
    return "updated"


def entry_fields(entry):
    """The article fields of an entry, cleaned as Article.save would store them."""
    body = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
    body = clean_html(body or entry.get("summary") or "", images=False)
    if body and not body.startswith("<"):
        # A plain-text summary is still a paragraph on the page (cleaned again: it may hold
        # blocks that cannot sit in a <p>).
        body = clean_html(f"<p>{body}</p>", images=False)
    text = single_line(plain_text(body))
    title = single_line(unescape(plain_text(entry.get("title") or "")))
    if not title:
        title = Truncator(text).words(12)
    if not title:
        raise SkipEntry(_("the entry has neither a title nor any text"))
    link = strip_controls(entry.get("link") or "").strip()
    identity = strip_controls(entry.get("id") or "").strip() or link
    if not identity:
        identity = "sha1:" + hashlib.sha1((title + body).encode()).hexdigest()  # noqa: S324
    return {
        "title": Truncator(title).chars(300),
        "body": body or f"<p>{escape(title)}</p>",
        "excerpt": Truncator(single_line(plain_text(entry.get("summary") or ""))).chars(500),
        "original_url": link if link.lower().startswith(("http://", "https://")) else "",
        "original_published_at": entry_time(entry),
        "byline": Truncator(single_line(entry.get("author") or "")).chars(200),
        "external_id": identity,
    }


def entry_time(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(timegm(parsed), tz=UTC)


def find_existing(source, fields):
    """The article made from this entry before: by GUID, then by the original URL."""
    found = Article.objects.filter(external_id=fields["external_id"]).first()
    if found is None and fields["original_url"]:
        found = Article.objects.filter(source=source, original_url=fields["original_url"]).first()
    return found


def external_id(source, identity):
    key = f"feed:{source.pk}:{identity}"
    if len(key) > 500:
        key = f"feed:{source.pk}:sha1:" + hashlib.sha1(identity.encode()).hexdigest()  # noqa: S324
    return key


def save(article):
    article.full_clean(exclude=["slug", "author", "category", "source"])
    article.save()
    Article.objects.filter(pk=article.pk).update(import_version=article.version)
    article.import_version = article.version


def label(entry):
    return Truncator(single_line(entry.get("title") or entry.get("link") or "?")).chars(80)
