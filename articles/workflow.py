"""Workflow: the one door through which an article's status changes, whatever the door.

People move articles with the transitions below, each checking the user's right
(PermissionDenied otherwise). The system moves them too, as SYSTEM: the feed and WordPress
importers (`record_imported`) and the clock (`went_live`, when a scheduled article's time
comes). Every move leaves an audit entry, and every publication schedules its side effects
(the going-live task) for the moment the article is public.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, signals, tasks
from .models import Article, ArticleEvent

Status = Article.Status
SCHEDULED = Article.SCHEDULED
# The actor of what nobody did by hand: imports and scheduled publication. It has every right.
SYSTEM = None
# The audit entry of an article that did not exist before (an import) starts from here.
NEW = ""


def submit_for_review(article, *, by):
    _require(by, permissions.can_submit(by, article))
    return _move(article, by=by, status=Status.PENDING)


def publish(article, *, by, at=None):
    """Publish now, or at `at` when it is in the future (then the article is scheduled)."""
    _require(by, permissions.can_publish(by, article) and article.status != Status.TRASH)
    return _move(article, by=by, status=Status.PUBLISHED, published_at=at or timezone.now())


def schedule(article, *, by, at):
    if at <= timezone.now():
        raise ValidationError(_("A scheduled time must be in the future."), code="past")
    return publish(article, by=by, at=at)


def unpublish(article, *, by):
    _require(by, permissions.can_publish(by, article) and article.status == Status.PUBLISHED)
    return _move(article, by=by, status=Status.DRAFT)


def trash(article, *, by):
    _require(by, permissions.can_edit(by, article) and article.status != Status.TRASH)
    return _move(
        article,
        by=by,
        status=Status.TRASH,
        previous_status=article.status,
        trashed_at=timezone.now(),
    )


def restore(article, *, by):
    _require(by, permissions.can_edit(by, article) and article.status == Status.TRASH)
    return _move(
        article,
        by=by,
        status=article.previous_status or Status.DRAFT,
        previous_status="",
        trashed_at=None,
    )


TRANSITIONS = {
    "submit": submit_for_review,
    "publish": publish,
    "schedule": lambda article, *, by: schedule(article, by=by, at=article.published_at),
    "unpublish": unpublish,
    "trash": trash,
    "restore": restore,
}

# The transitions offered from each state, in the order an editor reads them.
OFFERED = {
    Status.DRAFT: ["submit", "publish", "schedule", "trash"],
    Status.PENDING: ["publish", "schedule", "trash"],
    SCHEDULED: ["publish", "schedule", "unpublish", "trash"],
    Status.PUBLISHED: ["unpublish", "trash"],
    Status.TRASH: ["restore"],
}


def available_transitions(user, article):
    """The names of the transitions this user may make from the article's state."""
    state = article.state if article else Status.DRAFT
    can_publish = permissions.can_publish(user, article)
    can_edit = permissions.can_edit(user, article)
    allowed = {
        "submit": can_edit and not can_publish,
        "publish": can_publish,
        "schedule": can_publish,
        "unpublish": can_publish,
        "trash": can_edit and article is not None,
        "restore": can_edit,
    }
    return [name for name in OFFERED[state] if allowed[name]]


def run(name, article, *, by):
    """Make the transition called `name` (a button's or an action's value)."""
    if name not in TRANSITIONS:
        raise PermissionDenied(_("You may not do this to this article."))
    return TRANSITIONS[name](article, by=by)


def record_imported(articles, *, by=SYSTEM):
    """Audit articles an importer has just written, and run what follows their publication.

    Importers write new articles in their first state (bulk_create sends no post_save), so the
    audit entries, the going-live tasks and the invalidation of the pages that list the public
    ones are all done here.
    """
    ArticleEvent.objects.bulk_create(
        ArticleEvent(article=article, actor=by, from_state=NEW, to_state=article.state)
        for article in articles
    )
    for article in articles:
        _after_publication(article)
    signals.articles_published(articles)


def went_live(article_id):
    """Record that a published article is now public; once, whoever asks first.

    A scheduled article's move to "published" is made by the clock: its audit entry is
    written here, dated when its time came.
    """
    with transaction.atomic():
        due = Article.objects.published().filter(pk=article_id, went_live_at__isnull=True)
        published_at = due.values_list("published_at", flat=True).first()
        # The UPDATE decides between two workers that got here at once.
        if published_at is None or not due.update(went_live_at=timezone.now()):
            return False
        # Pages kept until this second are redrawn by now; shared caches (Varnish) learn here.
        signals.articles_published(Article.objects.filter(pk=article_id))
        last = ArticleEvent.objects.filter(article_id=article_id).values("to_state").first()
        if last and last["to_state"] == SCHEDULED:
            ArticleEvent.objects.create(
                article_id=article_id,
                actor=SYSTEM,
                at=published_at,
                from_state=SCHEDULED,
                to_state=Status.PUBLISHED,
            )
    return True


def _require(by, allowed):
    if by is not SYSTEM and not allowed:
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
    _after_publication(article)
    return article


def _after_publication(article):
    """Schedule the going-live task of a published article whose side effects are still due."""
    if article.status == Status.PUBLISHED and article.went_live_at is None:
        when, pk = article.published_at, article.pk
        transaction.on_commit(lambda: tasks.enqueue_at(tasks.article_went_live, when, pk))
