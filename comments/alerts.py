"""Telling moderators that comments wait for them: at once, but never a flood.

WordPress sends one e-mail per held comment. A spam bot holding ten comments a second would
then fill each moderator's inbox and the task queue ten times a second (and cost every reader
the CPU it takes). Here the first held comment is announced at once; those held in the next
WINDOW_SECONDS are announced together in one e-mail when that time is up; an e-mail lists what
was held since the one before. Held comments are announced after their commit, and a queue
that cannot take the task then does not turn a stored comment into an error.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.tasks.exceptions import InvalidTask
from django.utils import timezone

from . import tasks

WINDOW_SECONDS = 60
NOW, LATER = "comments:alert:now", "comments:alert:later"


def comment_held():
    """Call when a comment becomes held (written, reported, put back): after the commit, the
    moderators hear of it at once or with the next e-mail, within WINDOW_SECONDS."""
    transaction.on_commit(_announce, robust=True)


def _announce():
    if cache.add(NOW, 1, WINDOW_SECONDS):
        tasks.notify_moderators.enqueue()
    elif cache.add(LATER, 1, WINDOW_SECONDS):
        # Once per window: everything held from now until then goes in that one e-mail. A
        # backend that cannot defer (the demo's, running tasks at once) announces it with the
        # next held comment's e-mail instead.
        later = timezone.now() + timedelta(seconds=WINDOW_SECONDS)
        try:
            tasks.notify_moderators.using(run_after=later).enqueue()
        except InvalidTask:
            cache.delete(LATER)
