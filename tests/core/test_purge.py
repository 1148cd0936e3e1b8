"""Purges of the shared caches (core/purge.py), received by a real HTTP endpoint on loopback
that records them: what each change sends, soft or hard, retried until the endpoint answers."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from articles import workflow
from comments.models import DiscussionSettings
from comments.services import submit_comment
from core import cachetags, purge
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Recorder(ThreadingHTTPServer):
    """Answers each purge with the next of `answers` (then 200) and records it."""

    def __init__(self, answers=()):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.answers = list(answers)
        self.received = []  # (time, method, path, headers, answered)
        self.arrived = threading.Condition()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait_for(self, count, seconds=10):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.received) >= count, seconds)
        return self.received


class RecordingHandler(BaseHTTPRequestHandler):
    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status = self.server.answers.pop(0) if self.server.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with self.server.arrived:
            record = (time.monotonic(), self.command, self.path, self.headers, status)
            self.server.received.append(record)
            self.server.arrived.notify_all()

    do_POST = do_PURGE = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    servers = []

    def start(*answers):
        servers.append(Recorder(answers))
        return servers[-1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def cdn(recorder, settings):
    endpoint = recorder()
    settings.NEWSROOM_CDN_PURGE_URL = endpoint.url + "/service/news/purge"
    settings.NEWSROOM_CDN_PURGE_TOKEN = "cdn-token"
    return endpoint


def keys_of(record):
    headers = record[3]
    return set((headers.get("Surrogate-Key") or headers.get("xkey-softpurge")
                or headers.get("xkey-purge")).split())  # fmt: skip


def test_publishing_softly_purges_the_cdn_by_the_articles_tags(
    cdn, editor, django_capture_on_commit_callbacks
):
    article = ArticleFactory(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)
    # (The going-live task purges the same lists again: a second purge, also soft.)
    _, method, path, headers, _ = cdn.wait_for(1)[0]
    assert (method, path) == ("POST", "/service/news/purge")
    assert {f"a:{article.pk}", f"s:{article.category_id}", "home"} <= keys_of(cdn.received[0])
    assert headers["Fastly-Soft-Purge"] == "1"
    assert headers["Fastly-Key"] == "cdn-token"
    assert headers["Authorization"] == "Bearer cdn-token"


def test_unpublishing_purges_the_cdn_hard(cdn, editor, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=editor)
    [record] = cdn.wait_for(1)
    assert f"a:{article.pk}" in keys_of(record)
    assert "Fastly-Soft-Purge" not in record[3]


def test_varnish_nodes_get_a_purge_each_soft_for_an_edit_hard_for_a_takedown(
    recorder, settings, editor, django_capture_on_commit_callbacks
):
    nodes = [recorder(), recorder()]
    settings.NEWSROOM_VARNISH_PURGE_URLS = [node.url for node in nodes]
    article = ArticleFactory()
    for change in (lambda: article.save(), lambda: workflow.unpublish(article, by=editor)):
        with django_capture_on_commit_callbacks(execute=True):
            change()
    for node in nodes:
        edit, takedown = node.wait_for(2)
        assert (edit[1], edit[2], takedown[1], takedown[2]) == ("PURGE", "/", "PURGE", "/")
        assert f"a:{article.pk}" in edit[3]["xkey-softpurge"].split()
        assert f"a:{article.pk}" in takedown[3]["xkey-purge"].split()


def test_a_purge_refused_by_the_endpoint_arrives_once_it_recovers(
    recorder, settings, django_capture_on_commit_callbacks
):
    endpoint = recorder(503)
    settings.NEWSROOM_CDN_PURGE_URL = endpoint.url + "/purge"
    article = ArticleFactory(status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        article.status = "published"
        article.save()
    refused, delivered = endpoint.wait_for(2)
    assert (refused[4], delivered[4]) == (503, 200)
    assert keys_of(refused) == keys_of(delivered) and f"a:{article.pk}" in keys_of(delivered)
    assert delivered[0] - refused[0] >= 0.9  # after a pause, not in a tight loop


@override_settings(TASKS=QUEUE)
def test_on_a_queue_that_can_defer_the_retry_waits_in_the_queue(recorder):
    endpoint = recorder(503)
    sent = purge.send_purge.call("cdn", endpoint.url + "/purge", ["home"], False, time.time())
    assert sent is False and endpoint.wait_for(1)[0][4] == 503
    [retry] = DBTaskResult.objects.filter(task_path="core.purge.send_purge")
    assert retry.status == TaskResultStatus.READY
    assert 0.5 < (retry.run_after - retry.enqueued_at).total_seconds() <= 1.5
    assert retry.args_kwargs["args"][1:4] == [endpoint.url + "/purge", ["home"], False]
    assert retry.args_kwargs["args"][5] == 2  # the second attempt
    assert purge.send_purge.call(*retry.args_kwargs["args"]) is True  # as the worker would


def test_a_held_comment_purges_nothing_an_approved_one_purges_its_article(
    cdn, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    CommentFactory(article=article, name="قارئ قديم", email="old@example.com")
    DiscussionSettings.current()  # made on first use, which purges what it changes
    with django_capture_on_commit_callbacks(execute=True):
        held = submit_comment(
            article, name="قارئ جديد", email="new@example.com", body="تعليق", ip="192.0.2.1"
        )
    assert held.status == "pending"
    time.sleep(0.3)
    assert cdn.received == []
    with django_capture_on_commit_callbacks(execute=True):
        submit_comment(
            article, name="قارئ قديم", email="old@example.com", body="تعليق", ip="192.0.2.2"
        )
    assert {f"a:{article.pk}", "comment-counts"} == keys_of(cdn.wait_for(1)[0])


def test_many_tags_are_split_into_headers_varnish_accepts(cdn, django_capture_on_commit_callbacks):
    names = [f"t:{n}" for n in range(3000)]
    with django_capture_on_commit_callbacks(execute=True):
        cachetags.invalidate(*names)
    received = cdn.wait_for(3)
    assert all(len(record[3]["Surrogate-Key"]) <= purge.HEADER_BYTES for record in received)
    assert set().union(*map(keys_of, received)) == set(names)
    assert len(received) == 3  # a header as full as allowed, not one request per tag


# One override for all: pytest-django's `settings` fixture, undone after this decorator, would
# put back the queue it saw in force and leak it into the tests that follow.
@override_settings(TASKS=QUEUE, NEWSROOM_VARNISH_PURGE_URLS=[], NEWSROOM_CDN_PURGE_URL="")
def test_without_targets_an_invalidation_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cachetags.invalidate("home")
    assert callbacks and not DBTaskResult.objects.exists()
