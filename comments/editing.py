"""A moderator's edits of a comment's text, and emptying the trash: the one door for each."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Comment

# WordPress's EMPTY_TRASH_DAYS: a trashed comment can be restored for this long.
TRASH_DAYS = 30


@transaction.atomic
def edit_comment(comment, *, body):
    """Replace the comment's text, keeping the reader's own words the first time it is edited.

    Saved through save(), so the HTML is made again and the pages showing it are invalidated.
    Raises ValidationError for an empty or too long text.
    """
    if body == comment.body:
        return comment
    note_edit(comment, previous_body=comment.body)
    comment.body = body
    comment.full_clean(exclude=["body_html"])
    comment.save()
    return comment


def note_edit(comment, *, previous_body):
    """Record an edit of the text (not saved): the reader's words are kept the first time."""
    if not comment.original_body:
        comment.original_body = previous_body
    comment.edited_at = timezone.now()


def old_trash(now=None):
    """Comments in the trash for more than TRASH_DAYS days (by when they were moved there;
    an imported trashed comment that was never moderated here counts from its date)."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    moved_long_ago = Q(moderated_at__lt=cutoff) | Q(
        moderated_at__isnull=True, created_at__lt=cutoff
    )
    return Comment.objects.filter(moved_long_ago, status=Comment.Status.TRASH)


def empty_trash(now=None):
    """Delete the comments trashed more than TRASH_DAYS days ago; return how many went.

    Replies are deleted with their parent (the foreign keys cascade), so a trashed comment is
    deleted only once it has no replies left: leaves first, pass after pass. A reply that is
    still shown keeps its trashed parent, and with it its place in the thread.
    """
    deleted = 0
    while True:
        replied = Comment.objects.filter(parent=OuterRef("pk"))
        leaves = old_trash(now).exclude(Exists(replied))
        # Deleted through the ORM, not in one raw DELETE: post_delete keeps the caches right.
        _, per_model = leaves.delete()
        gone = per_model.get(Comment._meta.label, 0)
        if not gone:
            return deleted
        deleted += gone
