"""Writes on comments: every door (the form, the admin, an importer) goes through here."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import alerts, policy, subscriptions
from .models import Comment, DiscussionSettings
from .signals import comments_changed

# WordPress's comment flood interval.
FLOOD_SECONDS = 15
MODERATE_PERMISSION = "comments.change_comment"


class CommentRefused(Exception):
    """A comment that cannot be accepted; `status` is the HTTP status that says why."""

    status = 400
    message = _("Your comment could not be accepted.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        self.message = message or self.message


class CommentsClosed(CommentRefused):
    status = 403
    message = _("Comments are closed on this article.")


class DuplicateComment(CommentRefused):
    status = 409
    message = _("You have already said that: this comment was received before.")


class TooFast(CommentRefused):
    status = 429
    message = _("You are commenting too quickly. Wait a few seconds, then send your comment again.")


def can_moderate(user):
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


@transaction.atomic
def submit_comment(article, *, user=None, parent=None, reply_emails=False, **fields):
    """Check the comment against flooding and the rules, store it, and notify if held.

    `fields` are the reader's: name, email, body, and optionally url, ip and user_agent.
    """
    rules = DiscussionSettings.current()
    if not rules.accepts_comments(article):
        raise CommentsClosed()
    fields["email"] = Comment.normalise_email(fields["email"])
    fields["user_agent"] = fields.get("user_agent", "")[:500]
    trusted = can_moderate(user)
    _refuse_repeats(article, trusted=trusted, **fields)
    if parent is not None:
        parent = _reply_target(parent, article, rules.thread_depth)
    verdict = _verdict(rules, fields, trusted=trusted)
    comment = Comment(
        article=article,
        parent=parent,
        user=user if user and user.is_authenticated else None,
        status=verdict.status,
        reason=verdict.reason,
        from_staff=trusted and user.is_staff,
        reply_emails=Comment.ReplyEmails.ASKED if reply_emails and fields["email"] else "",
        **fields,
    )
    # The one constraint is on importers' external_id, which a reader's comment never has:
    # checking it costs a query on every post (a spam bot's ten a second included).
    comment.full_clean(exclude=["body_html"], validate_constraints=False)
    comment.save()
    if comment.status == Comment.Status.PENDING:
        alerts.comment_held()
    subscriptions.comment_stored(comment)
    return comment


def _verdict(rules, fields, *, trusted):
    submission = policy.Submission(
        fields["name"],
        fields["email"],
        fields.get("url", ""),
        fields["body"],
        fields.get("ip") or "",
        fields["user_agent"],
    )
    approved_before = (
        Comment.objects.approved().filter(name=fields["name"], email=fields["email"]).exists()
    )
    return policy.decide(
        submission, rules.rules(), trusted=trusted, approved_before=approved_before
    )


def _refuse_repeats(article, *, name, email, body, trusted, ip=None, **_others):
    """The same comment twice, or a second one from the same sender within FLOOD_SECONDS."""
    same_person = Q(email=email) | Q(name=name)
    if Comment.objects.filter(same_person, article=article, body=body).exists():
        raise DuplicateComment()
    recent = timezone.now() - timedelta(seconds=FLOOD_SECONDS)
    same_sender = Q(email=email) | (Q(ip=ip) if ip else Q(pk__in=[]))
    if not trusted and Comment.objects.filter(same_sender, created_at__gte=recent).exists():
        raise TooFast()


def _reply_target(parent, article, max_depth):
    """A reply to an approved comment of the same article; at the depth limit, its sibling."""
    if parent.article_id != article.pk or parent.status != Comment.Status.APPROVED:
        raise CommentRefused(_("The comment you are replying to is not available."))
    while parent.depth + 1 >= max_depth and parent.parent_id:
        parent = parent.parent
    return parent


ACTION_STATUS = {
    "approve": Comment.Status.APPROVED,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}


def moderate_comments(comments, *, action, by):
    """Apply a moderation action to a queryset in one UPDATE; return how many changed."""
    shown = _shown_before_or_after(comments, action)
    replies = subscriptions.replies_to_notify(comments, action)
    changed = _moderate(comments, action=action, by=by)
    if changed:
        # An UPDATE sends no signals: the pages that showed or will show these comments.
        comments_changed(shown)
    subscriptions.reply_approved(replies)
    return changed


def _shown_before_or_after(comments, action):
    """The articles whose pages show one of these comments now or after the action."""
    approved = Comment.Status.APPROVED
    if action == "approve":
        return list(comments.values_list("article_id", flat=True).distinct())
    shown = Q(status=approved)
    if action == "restore":
        shown |= Q(status=Comment.Status.TRASH, previous_status=approved)
    return list(comments.filter(shown).values_list("article_id", flat=True).distinct())


def _moderate(comments, *, action, by):
    now = timezone.now()
    if action == "restore":
        # Back to the status it had before the trash; pending when that is unknown.
        return comments.filter(status=Comment.Status.TRASH).update(
            status=Coalesce(NullIf(F("previous_status"), Value("")), Value(Comment.Status.PENDING)),
            previous_status=Comment.Status.TRASH,
            moderated_at=now,
            moderated_by=by,
        )
    target = ACTION_STATUS[action]
    return comments.exclude(status=target).update(
        previous_status=F("status"), status=target, moderated_at=now, moderated_by=by
    )


def moderate_comment(comment, *, action, by):
    moderate_comments(Comment.objects.filter(pk=comment.pk), action=action, by=by)
    comment.refresh_from_db()
    return comment
