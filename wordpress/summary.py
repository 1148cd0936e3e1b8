"""What an import did, counted as the command reports it, and why each left-out record was."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.text import single_line

from .fields import SkipItem

LABEL_MAX_LENGTH = 80


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
        """Add another summary's counts and lists to this one's."""
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def skip(self, label, error):
        """Report a record left out, and the error that says why."""
        label = Truncator(single_line(label) or "?").chars(LABEL_MAX_LENGTH)
        self.skipped.append((label, skip_reason(error)))


def skip_reason(error):
    """Say why a record was skipped, as the summary shows it."""
    if isinstance(error, SkipItem):
        return str(error)
    if isinstance(error, ValidationError):
        return _("invalid: {error}").format(error="; ".join(error.messages))
    if isinstance(error, (ValueError, DatabaseError)):
        return _("invalid: {error}").format(error=error)
    # Anything else is a fault met on this one record (a parser's assertion on hostile
    # markup, say): named, so that the editor can report it, and the import goes on.
    return _("unexpected error: {error}").format(error=f"{type(error).__name__}: {error}")


def item_label(item):
    """Name an item as an editor would find it in WordPress."""
    return item.title or item.slug or "#" + item.post_id
