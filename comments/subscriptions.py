"""E-mails about replies, the one door: asked for with a comment, turned on by a signed link
(double opt-in), stopped in one click, and sent once for each approved reply.

Whatever the door a comment comes through (the form, a moderator's action), the e-mails go
out after the commit, through the task queue (comments.tasks), so a rolled-back comment
sends nothing; a queue that cannot be reached then is logged, and the comment, already
stored, is still answered with success.
"""

from django.db import transaction

from . import mail, tasks
from .models import Comment

ASKED, ON, OFF = Comment.ReplyEmails.ASKED, Comment.ReplyEmails.ON, Comment.ReplyEmails.OFF
APPROVING_ACTIONS = ("approve", "restore")


def ask_for_confirmation(comment):
    """After the commit, e-mail the commenter the link that turns reply e-mails on."""
    transaction.on_commit(lambda: tasks.send_reply_confirmation.enqueue(comment.pk), robust=True)


def comment_stored(comment):
    """What a new comment sets off: the confirmation it asks for; the e-mail that it answers."""
    # A comment judged spam asks for nothing: the address may be someone else's, typed by a bot.
    if comment.reply_emails == ASKED and comment.status != Comment.Status.SPAM:
        ask_for_confirmation(comment)
    if comment.is_approved and comment.parent_id and comment.parent.reply_emails == ON:
        reply_approved([comment.pk])


def replies_to_notify(comments, action):
    """Among `comments`, the replies `action` may approve whose parent's author wants to know.

    Read before the action: afterwards a queryset filtered on the status may select nothing.
    """
    if action not in APPROVING_ACTIONS:
        return []
    candidates = comments.exclude(status=Comment.Status.APPROVED).filter(
        parent__reply_emails=ON, reply_notified=False
    )
    return list(candidates.values_list("pk", flat=True))


def reply_approved(reply_ids):
    """After the commit, e-mail each reply's parent author (once a reply: tasks.notify_reply)."""
    if not reply_ids:
        return

    def enqueue():
        for pk in reply_ids:
            tasks.notify_reply.enqueue(pk)

    transaction.on_commit(enqueue, robust=True)


def confirm(token):
    """Turn reply e-mails on for the comment the link was mailed about; it, or None."""
    comment = mail.comment_for(
        token, salt=mail.CONFIRM_SALT, max_age=mail.CONFIRM_DAYS * 24 * 60 * 60
    )
    # After an unsubscribe, an old confirmation link does not turn the e-mails back on.
    if comment is None or comment.reply_emails not in (ASKED, ON):
        return None
    Comment.objects.filter(pk=comment.pk, reply_emails=ASKED).update(reply_emails=ON)
    return comment


def unsubscribe(token):
    """Stop every e-mail about replies to this link's address; the comment it came with, or None.

    One click stops them all: a reader who answers many threads should not have to
    unsubscribe from each.
    """
    comment = mail.comment_for(token, salt=mail.UNSUBSCRIBE_SALT)
    if comment is None:
        return None
    Comment.objects.filter(email=comment.email, reply_emails__in=[ASKED, ON]).update(
        reply_emails=OFF
    )
    return comment
