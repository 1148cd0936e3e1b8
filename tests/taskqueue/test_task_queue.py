"""The production queue with real worker processes: a worker killed in the middle of a task
does not lose it; another worker runs it once it sees the first one stopped beating."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, SourceFeed
from articles.tasks import poll_sources
from scripts.soak_services import HangingFeed
from taskqueue import heartbeats
from taskqueue.models import TaskWorker
from tests.conftest import ROOT
from tests.factories import CategoryFactory, SourceFactory
from tests.feeds import feed
from tests.hardening.live import database_url

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BODY = feed(
    {"title": "خبر أول من الطابور", "guid": "queue-1", "description": "نص"},
    {"title": "خبر ثان من الطابور", "guid": "queue-2", "description": "نص"},
)


@pytest.fixture
def feed_server():
    """A news source whose first answer never comes: the worker fetching it gets killed."""
    server = HangingFeed(BODY)
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def start_worker(worker_id):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "WORKER_BEAT_SECONDS": "0.3",
        "WORKER_STALE_SECONDS": "1.5",
    }
    command = [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id]
    command += ["--interval", "0.2", "--no-startup-delay", "--no-reload"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_does_not_lose_it(feed_server):
    source = SourceFactory(default_category=CategoryFactory(), publish_directly=True)
    SourceFeed.objects.create(source=source, url=feed_server.url)
    with override_settings(TASKS=QUEUE):
        queued = poll_sources.enqueue()
    first = start_worker("worker-one")
    second = None
    try:
        assert feed_server.first_arrived.wait(30), "the first worker never fetched the feed"
        row = DBTaskResult.objects.get(pk=queued.id)
        assert row.status == TaskResultStatus.RUNNING
        first.send_signal(signal.SIGKILL)  # no chance to clean up, as the OOM killer would do
        first.wait(10)
        second = start_worker("worker-two")
        finished = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)

        def done():
            return DBTaskResult.objects.get(pk=queued.id).status in finished

        wait_for(done, 30, "the second worker to finish the task")
        row = DBTaskResult.objects.get(pk=queued.id)
        assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
        assert row.worker_ids == ["worker-one", "worker-two"]
        assert row.return_value == {"new": 2, "updated": 0, "skipped": 0}
        titles = sorted(Article.objects.values_list("title", flat=True))
        assert titles == ["خبر أول من الطابور", "خبر ثان من الطابور"]
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.terminate()
                process.wait(10)
    # A worker stopped politely takes its heartbeat with it.
    assert not TaskWorker.objects.filter(worker_id="worker-two").exists()


def running_task(worker_ids, minutes_ago):
    with override_settings(TASKS=QUEUE):
        queued = poll_sources.enqueue()
    started = timezone.now() - timezone.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=queued.id).update(
        status=TaskResultStatus.RUNNING, started_at=started, worker_ids=worker_ids
    )
    return queued.id


@pytest.mark.django_db
def test_only_tasks_of_silent_workers_are_requeued_and_a_poisonous_one_fails(clock):
    heartbeats.register("alive")
    of_alive = running_task(["alive"], minutes_ago=5)
    of_dead = running_task(["dead"], minutes_ago=5)
    just_claimed = running_task(["starting"], minutes_ago=0)
    poisonous = running_task(["a", "b", "c"], minutes_ago=5)
    # One second short of stale: the worker heard from and the task just claimed are kept.
    clock.shift(settings.NEWSROOM_WORKER_STALE_SECONDS - 1)

    assert heartbeats.requeue_abandoned() == (1, 1)

    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("pk", "status")}
    assert status[of_alive] == TaskResultStatus.RUNNING
    assert status[of_dead] == TaskResultStatus.READY
    assert status[just_claimed] == TaskResultStatus.RUNNING
    assert status[poisonous] == TaskResultStatus.FAILED
    failed = DBTaskResult.objects.get(pk=poisonous)
    assert failed.exception_class_path == heartbeats.LOST


def test_run_worker_refuses_the_immediate_backend():
    result = subprocess.run(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "is not a database backend" in result.stderr
