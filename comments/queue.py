"""The moderation queue's own requests: one comment's status, a staff reply, an edit, the trash.

Each answers queue.js's fetch with JSON (the comment's card drawn again, the new counts) and a
plain form, sent without JavaScript, with a redirect back to the queue and a message.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.text import strip_controls

from . import editing
from .models import Comment, CommentReport
from .selectors import status_counts
from .services import CommentRefused, moderate_comment, submit_comment

ACTIONS = ["approve", "hold", "spam", "trash", "restore"]
CARD = "admin/comments/comment/_card.html"
Status = Comment.Status


def status_labels():
    """Each status with its count, as the queue's filter shows it: «بانتظار المراجعة (3)»."""
    counts = status_counts()
    return {value: f"{label} ({counts.get(value, 0)})" for value, label in Status.choices}


def known_count(params):
    """How many comments the queue lists, from the cached counts, when it lists one status (or
    all) unsearched: the paginator need not count 200,000 rows. None when it must count."""
    if {key for key, value in params.items() if value} - {"status", "p", "o"}:
        return None  # searched (an empty search box is no search), or filtered otherwise
    status, counts = params.get("status", Status.PENDING), status_counts()
    if status == "all":
        return sum(counts.values())
    return counts.get(status, 0) if status in Status.values else None


def with_history(comments):
    """Give each comment of a page its author's other approved and spam comments and its
    readers' reports: two grouped queries for the whole page, whatever its length."""
    comments = list(comments)
    emails = {comment.email for comment in comments if comment.email}
    history = {}
    if emails:
        rows = (
            Comment.objects.filter(email__in=emails, status__in=[Status.APPROVED, Status.SPAM])
            .order_by()
            .values_list("email", "status")
            .annotate(n=Count("pk"))
        )
        for email, status, n in rows:
            history.setdefault(email, Counter())[status] = n
    reports = dict(
        CommentReport.objects.filter(comment__in=[comment.pk for comment in comments])
        .order_by()
        .values_list("comment")
        .annotate(n=Count("pk"))
    )
    for comment in comments:
        counts = history.get(comment.email, Counter()) if comment.email else Counter()
        # The comment itself is not its author's history.
        comment.approved_elsewhere = counts[Status.APPROVED] - (comment.status == Status.APPROVED)
        comment.spam_elsewhere = counts[Status.SPAM] - (comment.status == Status.SPAM)
        comment.report_count = reports.get(comment.pk, 0)
    return comments


def _comment(model_admin, request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article", "parent"), pk=pk)
    if not model_admin.has_change_permission(request, comment):
        raise PermissionDenied
    return comment


def _wants_json(request):
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _queue_url(request):
    """Where the moderator was: the queue page with its filters (from the form), or its start."""
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return back if safe and back else reverse("admin:comments_comment_changelist")


def _answer(model_admin, request, comment, message, *, ok=True):
    """The card drawn again with the counts as JSON, or back to the queue with a message."""
    if not _wants_json(request):
        level = messages.SUCCESS if ok else messages.ERROR
        model_admin.message_user(request, message, level)
        anchor = f"#queue-comment-{comment.pk}" if comment else ""
        return redirect(_queue_url(request) + anchor)
    answer = {"ok": ok, "message": message}
    if comment is not None:
        comment = Comment.objects.select_related("article", "parent").get(pk=comment.pk)
        with_history([comment])
        answer["card"] = render_to_string(CARD, {"comment": comment}, request=request)
        answer["status"] = comment.status
    answer["counts"] = status_labels()
    answer["pending"] = status_counts().get(Status.PENDING, 0)
    return JsonResponse(answer, status=200 if ok else 400)


def _text(request, field):
    """A moderator's text as typed, line breaks kept; control and bidi-override characters go."""
    return strip_controls(request.POST.get(field, "").replace("\r\n", "\n")).strip()


@require_POST
def moderate(request, pk, action, *, model_admin):
    """Approve, hold, spam, trash or restore one comment."""
    if action not in ACTIONS:
        raise Http404
    comment = moderate_comment(_comment(model_admin, request, pk), action=action, by=request.user)
    message = _("Comment by %(name)s: %(status)s.") % {
        "name": comment.name,
        "status": comment.get_status_display(),
    }
    return _answer(model_admin, request, comment, message)


@require_POST
def reply(request, pk, *, model_admin):
    """Publish a reply as the newsroom's; a held comment is approved first (WordPress's
    «Approve and reply»). Nothing is approved when the reply is refused."""
    parent = _comment(model_admin, request, pk)
    body = _text(request, "reply")
    if not body:
        return _answer(model_admin, request, parent, _("Write your reply first."), ok=False)
    if parent.status not in (Status.APPROVED, Status.PENDING):
        refusal = _("Approve the comment before replying to it.")
        return _answer(model_admin, request, parent, refusal, ok=False)
    user = request.user
    try:
        with transaction.atomic():
            approving = parent.status == Status.PENDING
            if approving:
                moderate_comment(parent, action="approve", by=user)
            submit_comment(
                parent.article,
                user=user,
                parent=parent,
                name=user.get_full_name() or user.get_username(),
                email=user.email,
                body=body,
            )
    except CommentRefused as refused:
        return _answer(model_admin, request, parent, str(refused.message), ok=False)
    except ValidationError as invalid:
        return _answer(model_admin, request, parent, " ".join(invalid.messages), ok=False)
    if approving:
        message = _("Comment by %(name)s approved, and your reply published.")
    else:
        message = _("Your reply to %(name)s is published.")
    return _answer(model_admin, request, parent, message % {"name": parent.name})


@require_POST
def quick_edit(request, pk, *, model_admin):
    """Change a comment's text; the reader's original words are kept."""
    comment = _comment(model_admin, request, pk)
    try:
        editing.edit_comment(comment, body=_text(request, "body"))
    except ValidationError as invalid:
        return _answer(model_admin, request, comment, " ".join(invalid.messages), ok=False)
    message = _("Comment by %(name)s edited; its original text is kept.") % {"name": comment.name}
    return _answer(model_admin, request, comment, message)


@require_POST
def empty_trash(request, *, model_admin):
    """Delete what has been in the trash for more than TRASH_DAYS days, and nothing else."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    deleted = editing.empty_trash()
    message = ngettext(
        "%(count)d comment deleted from the trash.",
        "%(count)d comments deleted from the trash.",
        deleted,
    ) % {"count": deleted}
    return _answer(model_admin, request, None, message)
