"""Workflow transitions: the only way an article's status changes, whatever the door.

Each checks the user's right (PermissionDenied otherwise), saves, writes an audit entry and,
for publishing, enqueues the side effects for the moment the article goes live.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Article, ArticleEvent
from .tasks import article_went_live, enqueue_at

Status = Article.Status


def submit_for_review(article, *, by):
    _require(permissions.can_submit(by, article))
    return _move(article, by=by, status=Status.PENDING)


def publish(article, *, by, at=None):
    """Publish now, or at `at` when it is in the future (then the article is scheduled)."""
    _require(permissions.can_publish(by, article) and article.status != Status.TRASH)
    return _move(article, by=by, status=Status.PUBLISHED, published_at=at or timezone.now())


def schedule(article, *, by, at):
    if at <= timezone.now():
        raise ValidationError(_("A scheduled time must be in the future."), code="past")
    return publish(article, by=by, at=at)


def unpublish(article, *, by):
    _require(permissions.can_publish(by, article) and article.status == Status.PUBLISHED)
    return _move(article, by=by, status=Status.DRAFT)


def trash(article, *, by):
    _require(permissions.can_edit(by, article) and article.status != Status.TRASH)
    return _move(
        article,
        by=by,
        status=Status.TRASH,
        previous_status=article.status,
        trashed_at=timezone.now(),
    )


def restore(article, *, by):
    _require(permissions.can_edit(by, article) and article.status == Status.TRASH)
    return _move(
        article,
        by=by,
        status=article.previous_status or Status.DRAFT,
        previous_status="",
        trashed_at=None,
    )


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("You may not do this to this article."))


@transaction.atomic
def _move(article, *, by, **changes):
    before = article.state
    for field, value in changes.items():
        setattr(article, field, value)
    if article.status == Status.PUBLISHED and "published_at" in changes:
        article.went_live_at = None  # its side effects are due again at the new time
    article.save()
    ArticleEvent.objects.create(
        article=article, actor=by, from_state=before, to_state=article.state
    )
    if article.status == Status.PUBLISHED and article.went_live_at is None:
        when = article.published_at
        transaction.on_commit(lambda: enqueue_at(article_went_live, when, article.pk))
    return article
