"""Background work for articles: the side effects of going live, and the trash."""

from datetime import timedelta

from django.conf import settings
from django.tasks import default_task_backend, task
from django.utils import timezone

from . import ingest, workflow
from .models import Article, Source


def enqueue_at(task_, when, *args):
    """Run at `when` where the queue can defer; otherwise now if due (`publish_due` catches up)."""
    if default_task_backend.supports_defer and when > timezone.now():
        return task_.using(run_after=when).enqueue(*args)
    if when <= timezone.now():
        return task_.enqueue(*args)
    return None


@task
def article_went_live(article_id):
    """Run once an article is public: record it (caches and notifications hook in here)."""
    return workflow.went_live(article_id)


@task
def catch_up_publishing():
    """Run the side effects of articles that went live while nothing was running."""
    due = Article.objects.published().filter(went_live_at__isnull=True)
    ids = list(due.values_list("pk", flat=True))
    for article_id in ids:
        article_went_live.call(article_id)
    return len(ids)


@task
def empty_trash():
    """Delete what has been in the trash longer than NEWSROOM_TRASH_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.NEWSROOM_TRASH_DAYS)
    trashed = Article.objects.filter(status=Article.Status.TRASH, trashed_at__lte=cutoff)
    return trashed.delete()[0]


@task
def poll_sources():
    """Import what is new in the feeds of every active source."""
    counts = {"new": 0, "updated": 0, "skipped": 0}
    for source in Source.objects.filter(active=True).prefetch_related("feeds"):
        summary = ingest.import_source(source)
        counts["new"] += summary.new
        counts["updated"] += summary.updated
        counts["skipped"] += len(summary.skipped)
    return counts
