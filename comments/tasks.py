"""Background work: tell moderators that a comment waits for them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Comment


def moderator_emails():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_moderate = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_comment")
        | Q(user_permissions__codename="change_comment")
    )
    return sorted(set(users.filter(can_moderate).values_list("email", flat=True)))


@task
def notify_moderators(comment_id):
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    recipients = moderator_emails()
    if comment is None or comment.status != Comment.Status.PENDING or not recipients:
        return 0
    queue = settings.NEWSROOM_SITE_URL + reverse("admin:comments_comment_changelist")
    subject = _("A comment awaits moderation: {title}").format(title=comment.article.title)
    body = _(
        "A new comment on «{title}» is held for moderation.\n"
        "Reason: {reason}\n\n{excerpt}\n\nThe moderation queue: {queue}?status=pending"
    ).format(
        title=comment.article.title,
        reason=comment.reason,
        excerpt=comment.body[:500],
        queue=queue,
    )
    return send_mail(subject, body, None, recipients)
