"""`make demo` keeps the README's promise: a held comment's e-mail to the moderators is printed
on the console, and the demo's own held comment says why it waits."""

import copy
import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from comments.models import Comment
from demo import content
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

CONSOLE = {"default": {"BACKEND": "core.console_mail.ReadableConsoleEmailBackend"}}
SEPARATOR = "-" * 79


def test_under_make_demo_mail_goes_to_the_console_and_tasks_run_at_once():
    """The settings `make demo` runs with, read as manage.py reads them, without overrides."""
    env = {k: v for k, v in os.environ.items() if k not in ("EMAIL_BACKEND", "TASKS_BACKEND")}
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.dev"
    script = (
        "from django.conf import settings; "
        "print(settings.MAILERS['default']['BACKEND']); "
        "print(settings.TASKS['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "core.console_mail.ReadableConsoleEmailBackend",
        "django.tasks.backends.immediate.ImmediateBackend",
    ], result.stderr


def test_every_demo_account_has_an_address_and_the_held_comment_its_reason(client):
    call_command("load_demo", stdout=io.StringIO())
    emails = dict(get_user_model().objects.values_list("username", "email"))
    assert emails["editor"] == "editor@newsroom.example"
    assert all(email == f"{name}@newsroom.example" for name, email in emails.items())
    held = Comment.objects.get(status=Comment.Status.PENDING)
    assert held.reason == "مُعلّق: ليس للمعلّق تعليق سابق موافق عليه."

    client.force_login(get_user_model().objects.get(username="moderator"))
    assert held.reason in client.get("/admin/comments/comment/").content.decode()


@override_settings(MAILERS=CONSOLE)
def test_a_comment_held_on_the_demo_site_prints_each_moderator_an_email(
    client, capsys, clock, django_capture_on_commit_callbacks
):
    call_command("load_demo", stdout=io.StringIO())
    article = Comment.objects.get(status=Comment.Status.PENDING).article
    capsys.readouterr()
    issued = client.get(reverse("comments:form-token")).json()["issued"]  # as the page's script
    clock.shift(30)  # the reader writes
    data = {"name": "قارئ جديد", "email": "new.reader@example.com", "url": "",
            "body": "تعليق أول من قارئ جديد", "issued": issued, "address": "", "parent": ""}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        url = reverse("comments:post", kwargs={"article_id": article.pk})
        assert client.post(url, data, REMOTE_ADDR="198.51.100.40").status_code == 302

    held = Comment.objects.get(body="تعليق أول من قارئ جديد")
    printed = [
        readable(part) for part in capsys.readouterr().out.split(SEPARATOR) if "To: " in part
    ]
    recipients = [headers["To"] for headers, _text in printed]
    assert {"admin@newsroom.example", "moderator@newsroom.example"} <= set(recipients)
    assert len(recipients) == len(set(recipients))  # one message each, to one address
    for headers, text in printed:
        # The demo's own held comment waits too: one e-mail names both (comments.alerts).
        assert headers["Subject"] in (
            "تعليقان ينتظران المراجعة",
            f"تعليق بانتظار المراجعة: {article.title}",
        )
        assert held.body in text and held.reason in text and article.title in text
        assert held.email not in text


def readable(printed):
    """The headers and text of a message as the console shows it (core.console_mail)."""
    head, _blank, text = printed.strip().partition("\n\n")
    return dict(line.split(": ", 1) for line in head.splitlines()), text


def test_a_held_comment_without_its_reason_is_refused_in_the_data_file():
    data = copy.deepcopy(content.load())
    comments = [comment for row in data["articles"] for comment in row.get("comments", [])]
    held = next(comment for comment in comments if comment["status"] == "pending")
    del held["reason"]
    with pytest.raises(content.ContentError, match="held comment by منى: no reason"):
        content.check(data)
