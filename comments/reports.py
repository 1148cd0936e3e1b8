"""Readers' reports of comments («إبلاغ»): the one door through which a report counts.

A reader is known by a keyed hash of their address (no account, no cookie, nothing of theirs
in the shared page): enough to count each reader once, and no address is stored. Readers
behind one address (a household, a mobile carrier's NAT) count as one: a report holds a
comment back for a moderator's look, it removes nothing, so counting too few is the safe side.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from . import alerts
from .models import Comment, CommentReport, DiscussionSettings
from .services import moderate_comments

# A reader reporting more than this an hour is sweeping a thread, not reading it.
REPORTS_PER_HOUR = 10
RATE_SECONDS = 60 * 60
RATE_KEY = "comments:reports:"


def reader_key(ip):
    """The reader as reports know them: a keyed hash of their address (64 characters)."""
    return salted_hmac("comments.reports.reader", ip or "", algorithm="sha256").hexdigest()


@transaction.atomic
def report_comment(comment, reader_key):
    """Record this reader's report; once enough readers have reported it, hold the comment.

    Return whether the report counted: not when reporting is off, the comment is not public
    or is the newsroom's own, or the reader reported it already or too often this hour.
    """
    rules = DiscussionSettings.current()
    if not rules.reports_to_hold or not comment.is_approved or comment.from_staff:
        return False
    if not _within_rate(reader_key):
        return False
    _report, created = CommentReport.objects.get_or_create(comment=comment, reader=reader_key)
    if not created:
        return False
    count = _reports_since_moderated(comment)
    if count >= rules.reports_to_hold:
        _hold(comment, count)
    return True


def _reports_since_moderated(comment):
    """Reports a moderator has not answered yet: approving a reported comment again starts
    the count anew."""
    reports = comment.reports.all()
    if comment.moderated_at:
        reports = reports.filter(created_at__gt=comment.moderated_at)
    return reports.count()


def _hold(comment, count):
    reason = ngettext("Reported by %(count)d reader", "Reported by %(count)d readers", count) % {
        "count": count
    }
    approved = Comment.objects.filter(pk=comment.pk, status=Comment.Status.APPROVED)
    approved.update(reason=reason)
    # Through the moderation service, so that the pages showing it are redrawn.
    if moderate_comments(approved, action="hold", by=None):
        alerts.comment_held()


def _within_rate(reader_key):
    key = RATE_KEY + reader_key
    cache.add(key, 0, RATE_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        return True
    # None: the cache is down; the one-report-per-reader rule still holds.
    return count is None or count <= REPORTS_PER_HOUR
