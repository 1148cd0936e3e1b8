"""Import WordPress exports: authors, sections, tags, posts with their comments and sources.

A file is read as a stream of records (wordpress.reader). Authors and terms are written as
soon as the items begin, each in its own transaction; posts go to the batch writer
(wordpress.batch), which prepares their rows (wordpress.posts, wordpress.rows) and writes them
a batch a transaction. A record that fails in any way is skipped with its reason and the rest
imports. Everything is found again by its identity (external_id, slug, e-mail or login), so
importing a file twice adds nothing. It lives in its own app, not in articles/, because it
writes comments too.
"""

import sys

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import Article, Attachment, Category, Tag
from core.html import plain_text
from core.progress import Progress
from core.text import single_line, strip_controls

from . import reader as wxr
from .batch import BatchWriter, write_alone
from .fields import SkipItem, post_title, term_slug
from .lookups import Lookups, imported
from .records import Author, Item, Site, Term
from .summary import Summary, item_label

__all__ = ["Summary", "import_files"]

URL_MAX_LENGTH = 1000  # Attachment.url holds at most this


def import_files(paths, *, progress_stream=None, source_keys=()):
    """Import each file in turn; a file that cannot be read is reported, the others import."""
    # `source_keys` name custom fields that hold a post's source (a name or the original's
    # URL), read before the well-known ones.
    summary = Summary()
    for path in paths:
        try:
            import_file(path, summary, progress_stream=progress_stream, source_keys=source_keys)
        except wxr.WXRError as error:
            summary.errors.append(_("{path}: {error}").format(path=path, error=error))
    return summary


def import_file(path, summary, *, progress_stream=None, source_keys=()):
    """Import one file into `summary`, with a progress bar when the stream is a terminal."""
    stream = progress_stream or sys.stderr
    watched = hasattr(stream, "isatty") and stream.isatty()
    progress = Progress(wxr.count_items(path) if watched else 0, stream)
    importer = Importer(summary, source_keys=source_keys)
    try:
        try:
            for record in wxr.read_wxr(path):
                importer.add(record)
                if isinstance(record, Item):
                    progress.step()
        except wxr.WXRError:
            importer.finish()  # the posts before the broken part (a cut download) still import
            raise
        importer.finish()
    finally:
        importer.close()
        progress.close()


class Importer:
    """One file's import: its authors and terms, then its items as they come."""

    def __init__(self, summary, *, source_keys=()):
        self.summary = summary
        self.lookups = Lookups()
        self.writer = BatchWriter(self.lookups, summary, source_keys=source_keys)
        self.authors, self.terms = [], []  # met, written when the items begin
        self.unlinked = []  # (attachment pk, parent post identity): the post may come later

    def add(self, record):
        """Take the file's next record."""
        if isinstance(record, Site):
            # The blog's own address: a network's sites share base_site_url but not post ids.
            self.lookups.site_url = record.base_blog_url or record.base_site_url or record.link
        elif isinstance(record, Author):
            self.authors.append(record)
        elif isinstance(record, Term):
            self.terms.append(record)
        else:
            self.flush()
            self.item(record)

    def finish(self):
        """Write what is still waiting, and attach attachments to the posts that came later."""
        self.writer.finish()
        self.flush()
        self.link_attachments()

    def close(self):
        self.writer.close()

    def alone(self, label, write, *args):
        return write_alone(self.lookups, self.summary, label, write, *args)

    # Authors, sections and tags: WXR lists them before the items.

    def flush(self):
        """Write the authors and terms met so far: sections, their parents, then tags."""
        for author in self.authors:
            self.alone(author.login, self.lookups.add_author, author)
        categories = [term for term in self.terms if term.taxonomy == "category"]
        children = []
        for term in categories:
            made = self.add_term(Category, term)
            if made and made[1] and term.parent:
                children.append((term, made[0]))
        # Parents once every section exists: a parent may be listed after its children.
        for term, category in children:
            self.alone(term.name, self.set_parent, category, term.parent, categories)
        for term in self.terms:
            if term.taxonomy == "post_tag":
                self.add_term(Tag, term)
        self.authors, self.terms = [], []

    def add_term(self, model, term):
        """Find or make a section or tag: (row, created), or None when it is skipped."""
        return self.alone(term.name or term.slug, self.lookups.term, model, term.slug, term.name)

    def set_parent(self, category, parent, terms):
        """Put a new section under its parent: by slug, or by name as WXR 1.0 gives it."""
        slug = term_slug(parent, "")
        term = next((term for term in terms if term_slug(term.slug, term.name) == slug), None)
        term = term or next((term for term in terms if term.name == parent), None)
        found = self.lookups.category(term.slug, term.name) if term else None
        found = found or Category.objects.filter(slug=slug).first()
        if found is not None and found.pk != category.pk:
            category.parent = found
            category.save(update_fields=["parent"])

    # Items.

    def item(self, item):
        """Queue a post; note a page; record an attachment; count any other type."""
        if item.post_type == "post":
            self.writer.add(item)
            return
        if item.post_type == "wprss_feed":  # a feed of WP RSS Aggregator: names its posts' source
            self.lookups.feeds[item.post_id] = single_line(plain_text(item.title))
        write = {"page": self.page, "attachment": self.attachment}
        if item.post_type not in write:
            self.summary.other_types[item.post_type or "?"] += 1
            return
        self.alone(item_label(item), write[item.post_type], item)

    def page(self, item):
        self.lookups.tally.pages.append((post_title(item.title), item.slug))
        self.lookups.tally.page_comments += len(item.comments)

    def attachment(self, item):
        """Record an attachment's URL, under its post when that was imported already."""
        key = self.lookups.identity(item.post_id)
        if Attachment.objects.filter(external_id=key).exists():
            self.lookups.tally.attachments["unchanged"] += 1
            return
        url = strip_controls(item.attachment_url).strip()
        if not url.lower().startswith(("http://", "https://")) or len(url) > URL_MAX_LENGTH:
            raise SkipItem(_("the attachment has no usable URL"))
        parent = None
        if item.parent_id not in ("", "0"):
            parent = self.lookups.identity(item.parent_id)
        article = imported(Article).filter(external_id=parent).first() if parent else None
        title = Truncator(single_line(plain_text(item.title))).chars(300)
        attachment = Attachment.objects.create(
            external_id=key, url=url, title=title, article=article
        )
        if parent and article is None:
            self.unlinked.append((attachment.pk, parent))
        self.lookups.tally.attachments["new"] += 1

    def link_attachments(self):
        """Attach to their posts the attachments that came before them in the file."""
        keys = {key for _pk, key in self.unlinked}
        found = imported(Article).filter(external_id__in=keys).values_list("external_id", "pk")
        articles = dict(found)
        for pk, key in self.unlinked:
            if key in articles:
                Attachment.objects.filter(pk=pk, article=None).update(article_id=articles[key])
        self.unlinked = []
