"""Moderators hear of held comments at once, but a flood of them is one e-mail, not hundreds."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from comments import alerts
from comments.models import Comment
from comments.services import submit_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


def spam(article, count, start=0):
    """`count` held comments from a bot (each from a new address, so none is flood-limited)."""
    for number in range(start, start + count):
        comment = submit_comment(
            article,
            name=f"روبوت {number}",
            email=f"bot{number}@spam.example",
            body=f"اشترِ الآن http://spam.example/{number} http://spam.example/x",
            ip=f"203.0.113.{number % 250}",
        )
        assert comment.status == Comment.Status.PENDING


def test_the_first_held_comment_is_announced_at_once_and_a_flood_in_one_later_email(
    article, moderator, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        spam(article, 1)
    assert len(mail.outbox) == 1
    assert "افتتاح الجسر الجديد" in mail.outbox[0].subject

    clock.shift(timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        spam(article, 30, start=1)
    assert len(mail.outbox) == 1  # thirty more within the minute: no e-mail each

    clock.shift(timedelta(seconds=alerts.WINDOW_SECONDS))
    with django_capture_on_commit_callbacks(execute=True):
        spam(article, 1, start=31)
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    # Everything held since the first e-mail, counted; the newest listed.
    assert "31" in digest.subject
    assert "http://spam.example/31" in digest.body and "http://spam.example/1 " not in digest.body
    assert digest.body.count("http://spam.example/x") == 10
    assert "/admin/comments/comment/?status=pending" in digest.body


def test_with_a_task_queue_a_flood_queues_two_tasks_a_minute_not_one_a_comment(
    article, moderator, django_capture_on_commit_callbacks
):
    with override_settings(TASKS=QUEUE), django_capture_on_commit_callbacks(execute=True):
        spam(article, 25)
    queued = DBTaskResult.objects.filter(task_path="comments.tasks.notify_moderators")
    # One at once, one for the end of the minute (run then, it lists what came meanwhile).
    assert queued.count() == 2
    delays = [round((row.run_after - row.enqueued_at).total_seconds()) for row in queued]
    # (a task to run at once has no time: the queue stores the latest date there is)
    assert sorted(delay == alerts.WINDOW_SECONDS for delay in delays) == [False, True]
