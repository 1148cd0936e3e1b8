"""A readable comparison of two revisions of an article: title, status and body text."""

import difflib

from django.utils.translation import gettext as _

from core.html import plain_text

from .models import Article


def body_lines(html):
    """The body as plain-text paragraphs, the unit an editor compares."""
    return [line.strip() for line in plain_text(html).splitlines() if line.strip()]


def diff(old_lines, new_lines):
    """(kind, text) pairs: kind is "removed", "added" or "same"."""
    kinds = {"- ": "removed", "+ ": "added", "  ": "same"}
    return [
        (kinds[line[:2]], line[2:])
        for line in difflib.ndiff(old_lines, new_lines)
        if line[:2] in kinds
    ]


def comparison(article, older_id, newer_id):
    revisions = list(article.history.select_related("history_user")[:100])
    by_id = {str(revision.history_id): revision for revision in revisions}
    newer = by_id.get(newer_id) or (revisions[0] if revisions else None)
    older = by_id.get(older_id) or (revisions[1] if len(revisions) > 1 else newer)
    changes = []
    if older and newer:
        status = dict(Article.Status.choices)
        changes = [
            (_("Title"), diff([older.title], [newer.title])),
            (
                _("Status"),
                diff(
                    [str(status.get(older.status, older.status))],
                    [str(status.get(newer.status, newer.status))],
                ),
            ),
            (_("Body"), diff(body_lines(older.body), body_lines(newer.body))),
        ]
    return {"revisions": revisions, "older": older, "newer": newer, "changes": changes}
