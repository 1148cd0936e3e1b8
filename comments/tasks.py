"""Background work: tell moderators that a comment waits for them, and readers of replies."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, mailers
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article

from . import mail
from .models import Comment


def moderator_emails():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_moderate = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_comment")
        | Q(user_permissions__codename="change_comment")
    )
    return sorted(set(users.filter(can_moderate).values_list("email", flat=True)))


# The comments an e-mail to moderators lists (the rest are counted), and where the last one
# stopped: each e-mail names what was held since the one before.
LISTED = 10
ANNOUNCED_UNTIL = "comments:alert:announced-until"
FIRST_LOOK_BACK = timedelta(hours=1)


@task
def notify_moderators(comment_id=None):
    """E-mail each moderator the comments held since the last such e-mail (comments.alerts).

    `comment_id` is not read: tasks queued by an earlier release, one per comment, still run.
    """
    since = cache.get(ANNOUNCED_UNTIL) or timezone.now() - FIRST_LOOK_BACK
    held = (
        Comment.objects.pending()
        .filter(Q(created_at__gt=since) | Q(moderated_at__gt=since))
        .select_related("article")
        .order_by("-created_at", "-pk")
    )
    listed = list(held[:LISTED])
    recipients = moderator_emails()
    if not listed or not recipients:
        return 0
    newest = max(max(c.created_at, c.moderated_at or c.created_at) for c in listed)
    cache.set(ANNOUNCED_UNTIL, max(newest, since), None)
    subject, body = _held_message(listed, held.count() if len(listed) == LISTED else len(listed))
    # One message to each moderator: none learns another's address from the To line.
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    return mailers.default.send_messages(messages)


def _held_message(listed, count):
    queue = settings.NEWSROOM_SITE_URL + reverse("admin:comments_comment_changelist")
    if count == 1:
        subject = _("A comment awaits moderation: {title}").format(title=listed[0].article.title)
    else:
        subject = ngettext(
            "%(count)d comment awaits moderation", "%(count)d comments await moderation", count
        ) % {"count": count}
    entries = [
        _("On «{title}»\nReason: {reason}\n\n{excerpt}").format(
            title=comment.article.title, reason=comment.reason, excerpt=comment.body[:500]
        )
        for comment in listed
    ]
    more = count - len(listed)
    if more > 0:
        entries.append(
            ngettext("…and %(count)d more.", "…and %(count)d more.", more) % {"count": more}
        )
    body = "\n\n---\n\n".join(entries)
    return subject, body + "\n\n" + _("The moderation queue: {queue}?status=pending").format(
        queue=queue
    )


@task
def send_reply_confirmation(comment_id):
    """E-mail the link that turns on e-mails about replies (double opt-in)."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.reply_emails != Comment.ReplyEmails.ASKED or not comment.email:
        return 0
    return mail.confirmation_message(comment).send()


@task
def notify_reply(reply_id):
    """E-mail the author of the comment a reply answers, once per reply, if they confirmed."""
    reply = Comment.objects.select_related("parent", "article").filter(pk=reply_id).first()
    if reply is None or not _announced_to_parent(reply):
        return 0
    # Claimed before sending: a task run twice, or a reply approved again, sends nothing more.
    if not Comment.objects.filter(pk=reply_id, reply_notified=False).update(reply_notified=True):
        return 0
    try:
        return mail.reply_message(reply).send()
    except Exception:
        Comment.objects.filter(pk=reply_id).update(reply_notified=False)  # not sent after all
        raise


def _announced_to_parent(reply):
    parent = reply.parent
    return (
        reply.is_approved
        and parent is not None
        and parent.is_approved
        and parent.reply_emails == Comment.ReplyEmails.ON
        and parent.email
        and parent.email != reply.email
        and Article.objects.published().filter(pk=reply.article_id).exists()
    )


@task
def empty_comment_trash():
    """The trash's 30-day emptying (comments.editing), from `manage.py periodic`."""
    from .editing import empty_trash

    return empty_trash()
