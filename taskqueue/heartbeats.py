"""The production task queue: django-tasks-db's worker, plus heartbeats so that no task is lost
when a worker dies in the middle of it.

django-tasks-db claims a task by marking it RUNNING with the worker's id. Each of our workers
also beats (a row in TaskWorker) from a thread of its own, so a long task does not silence it.
Any worker, every few seconds, puts back in the queue the RUNNING tasks whose worker has not
beaten for STALE_SECONDS; a task that has already taken MAX_ATTEMPTS workers down is failed
instead, so one poisonous task cannot kill every worker in turn. Tasks therefore run at least
once: ours are written to be safe to run twice.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import TaskWorker

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
LOST = "taskqueue.heartbeats.WorkerLost"


class WorkerLost(Exception):
    """The worker running this task stopped beating MAX_ATTEMPTS times."""


def register(worker_id):
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def beat(worker_id):
    if not TaskWorker.objects.filter(worker_id=worker_id).update(seen_at=timezone.now()):
        register(worker_id)  # swept while this process was paused: we are alive after all


def unregister(worker_id):
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def release(worker_id):
    """Put back the tasks this worker claimed but could not finish (it lost the database)."""
    released = 0
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            _requeue(result)
            released += 1
    return released


def requeue_abandoned():
    """Put back the tasks of workers that stopped beating; return (requeued, failed)."""
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSROOM_WORKER_STALE_SECONDS)
    requeued = failed = 0
    with transaction.atomic():
        alive = set(
            TaskWorker.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
        )
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                _fail(result)
                failed += 1
            else:
                _requeue(result)
                requeued += 1
        TaskWorker.objects.filter(seen_at__lt=cutoff).delete()
    if requeued or failed:
        log.warning("task queue: %d abandoned task(s) requeued, %d failed", requeued, failed)
    return requeued, failed


def _requeue(result):
    result.status = TaskResultStatus.READY
    result.started_at = None
    result.save(update_fields=["status", "started_at"])


def _fail(result):
    result.status = TaskResultStatus.FAILED
    result.finished_at = timezone.now()
    result.exception_class_path = LOST
    result.traceback = f"{len(result.worker_ids)} workers stopped while running this task."
    result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])


class Heart(threading.Thread):
    """Beats for the worker and sweeps up abandoned tasks, with its own database connection."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(settings.NEWSROOM_WORKER_BEAT_SECONDS):
                try:
                    close_old_connections()
                    beat(self.worker_id)
                    requeue_abandoned()
                except Exception as error:  # the database may be restarting: beat again soon
                    log.warning("task queue: heartbeat failed: %s", error)
                    connection.close()
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=settings.NEWSROOM_WORKER_BEAT_SECONDS * 2)
