"""E-mails about replies: asked for with the form, confirmed by the mailed link, sent once for
each approved reply to the one reader it concerns, and stopped in one click.

Every step goes through the site's own doors (the form, the links in the mail, the
moderation queue) and every assertion reads the mail a reader would get.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from comments.models import Comment, DiscussionSettings
from comments.tasks import notify_reply
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

SARA = "sara@example.com"
LAYLA = "layla@example.com"
QUEUE = "/admin/comments/comment/"
URL = re.compile(r"https?://\S+")
# Anything shaped like an address, in any header or in the text.
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")


@pytest.fixture(autouse=True)
def _frozen(clock):
    """Time stands still (tests.clock.NOW) before anything is made; `send` moves it on."""


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (tasks are enqueued then), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def send(clock, comment_data, committed):
    """Post the comment form as a reader's browser does, a minute after the last comment
    (no flood refusal), and let the commit happen."""

    def send(article, *, client=None, ip="198.51.100.7", **fields):
        clock.shift(60)
        url = reverse("comments:post", kwargs={"article_id": article.pk})
        with committed():
            response = (client or Client()).post(url, comment_data(**fields), REMOTE_ADDR=ip)
        assert response.status_code == 302
        return Comment.objects.get(body=fields["body"])

    return send


@pytest.fixture
def moderate(client, moderator, committed):
    """Apply a bulk action of the moderation queue, as the moderator."""

    def moderate(action, comment):
        client.force_login(moderator)
        data = {"action": action, "_selected_action": [comment.pk], "index": 0}
        with committed():
            assert client.post(QUEUE + "?status=all", data).status_code == 302
        client.logout()

    return moderate


@pytest.fixture
def subscribe(client, send):
    """Sara comments with the box ticked and confirms by her mail's link: her comment."""

    def subscribe(article, body="متى يفتح الجسر للمشاة؟"):
        CommentFactory(article=article, name="سارة", email=SARA)  # approved before: now too
        comment = send(article, name="سارة", email=SARA, body=body, reply_emails="on")
        assert comment.is_approved and comment.reply_emails == Comment.ReplyEmails.ASKED
        (confirmation,) = mails_to(SARA)
        assert_reader_mail(confirmation, SARA)
        assert article.title in confirmation.subject and article.title in confirmation.body
        response = client.get(path_of(links(confirmation)[0]))
        assert response.status_code == 200
        assert arabic("E-mails about replies are on") in response.content.decode()
        comment.refresh_from_db()
        assert comment.reply_emails == Comment.ReplyEmails.ON
        return comment

    return subscribe


@pytest.fixture
def reply(send):
    """Another reader answers `parent` (held: they have no earlier approved comment)."""

    def reply(parent, *, name="ليلى", email=LAYLA, body="يفتح صباح الجمعة.", **fields):
        return send(parent.article, name=name, email=email, body=body, parent=parent.pk,
                    ip="203.0.113.9", **fields)  # fmt: skip

    return reply


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def links(message):
    return URL.findall(message.body)


def path_of(url):
    assert url.startswith(settings.NEWSROOM_SITE_URL + "/")  # absolute: it works from a mailbox
    return url.removeprefix(settings.NEWSROOM_SITE_URL).split("#")[0]


def readable(message):
    """The message as its reader's mail program shows it: decoded headers, then the text."""
    raw = message.message()
    headers = [f"{name}: {value}" for name, value in raw.items()]
    return "\n".join([*headers, raw.get_content()])


def addresses_in(message):
    """Every address the message carries, headers and text, except its Message-ID's."""
    lines = readable(message).splitlines()
    return set(ADDRESS.findall("\n".join(x for x in lines if not x.startswith("Message-ID:"))))


def arabic(text):
    with translation.override("ar"):
        return gettext(text)


def assert_reader_mail(message, recipient):
    """Sent to the reader alone, naming no one else, with a one-click unsubscribe."""
    assert message.to == [recipient] and not message.cc and not message.bcc
    assert not message.reply_to
    assert addresses_in(message) - {settings.DEFAULT_FROM_EMAIL} == {recipient}
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<") and unsubscribe.endswith(">")
    assert unsubscribe[1:-1] in links(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_confirmed_reader_gets_one_email_per_approved_reply_naming_no_one_else(
    client, article, subscribe, reply, moderate, moderator
):
    sara = subscribe(article)
    answer = reply(sara, body="يفتح صباح الجمعة. اكتبي لي: layla@example.com")
    assert answer.status == Comment.Status.PENDING
    assert len(mails_to(SARA)) == 1  # a held reply says nothing yet

    moderate("approve", answer)
    confirmation, notice = mails_to(SARA)
    assert_reader_mail(notice, SARA)
    assert LAYLA not in readable(notice) and moderator.email not in readable(notice)
    assert "ليلى" in notice.subject and article.title in notice.subject
    assert "يفتح صباح الجمعة. اكتبي لي:" in notice.body  # the address typed in it left out
    reply_link = next(url for url in links(notice) if "#comment-" in url)
    assert reply_link.endswith(f"#comment-{answer.pk}")
    page = client.get(path_of(reply_link))
    assert page.status_code == 200 and "يفتح صباح الجمعة." in page.content.decode()

    # Held and approved again, then run again by a worker: still the one e-mail.
    moderate("hold", answer)
    moderate("approve", answer)
    notify_reply.enqueue(answer.pk)
    assert mails_to(SARA) == [confirmation, notice]


def test_a_reply_approved_at_once_emails_too_and_a_staff_repliers_address_stays_out(
    article, subscribe, send, moderator
):
    sara = subscribe(article)
    staff = Client()
    staff.force_login(moderator)
    send(article, client=staff, name="التحرير", email=moderator.email, body="شكراً، سنتابع.",
         parent=sara.pk)  # fmt: skip
    (notice,) = mails_to(SARA)[1:]
    assert_reader_mail(notice, SARA)
    assert moderator.email not in readable(notice) and "شكراً، سنتابع." in notice.body


def test_one_click_on_the_mailed_link_stops_every_reply_email_to_that_address(
    client, article, subscribe, reply, moderate
):
    sara = subscribe(article)
    elsewhere = CommentFactory(email=SARA, reply_emails=Comment.ReplyEmails.ON)
    moderate("approve", reply(sara))
    notice = mails_to(SARA)[-1]

    unsubscribe = next(url for url in links(notice) if "unsubscribe" in url)
    response = Client().get(path_of(unsubscribe))
    assert response.status_code == 200
    assert arabic("You are unsubscribed") in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    for comment in (sara, elsewhere):
        comment.refresh_from_db()
        assert comment.reply_emails == Comment.ReplyEmails.OFF

    moderate("approve", reply(sara, name="عمر", email="omar@example.com", body="وأنا كذلك"))
    assert len(mails_to(SARA)) == 2 and len(mails_to("omar@example.com")) == 0
    # An old confirmation link does not turn them back on.
    assert client.get(path_of(links(mails_to(SARA)[0])[0])).status_code == 400
    sara.refresh_from_db()
    assert sara.reply_emails == Comment.ReplyEmails.OFF


def test_a_mail_program_unsubscribes_by_posting_to_the_header_link(article, subscribe):
    sara = subscribe(article)
    (confirmation,) = mails_to(SARA)
    url = confirmation.extra_headers["List-Unsubscribe"][1:-1]
    mailer = Client(enforce_csrf_checks=True)  # RFC 8058's POST carries no form token
    response = mailer.post(path_of(url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    sara.refresh_from_db()
    assert sara.reply_emails == Comment.ReplyEmails.OFF


def test_without_confirmation_a_reply_sends_nothing_and_the_link_expires_after_a_week(
    client, article, send, reply, moderate, clock
):
    CommentFactory(article=article, name="سارة", email=SARA)
    sara = send(article, name="سارة", email=SARA, body="سؤال بلا تأكيد", reply_emails="on")
    (confirmation,) = mails_to(SARA)
    moderate("approve", reply(sara))
    assert mails_to(SARA) == [confirmation]

    clock.shift(timedelta(days=8))
    response = client.get(path_of(links(confirmation)[0]))
    assert response.status_code == 400
    assert arabic("This link has expired or is not valid") in response.content.decode()
    sara.refresh_from_db()
    assert sara.reply_emails == Comment.ReplyEmails.ASKED


def test_an_altered_or_readdressed_link_does_nothing(client, article, subscribe):
    sara = subscribe(article)
    unsubscribe = path_of(mails_to(SARA)[0].extra_headers["List-Unsubscribe"][1:-1])
    assert client.get(unsubscribe.replace(":", ";", 1)).status_code == 400
    forged = reverse("comments:reply-emails-unsubscribe", args=[f"[{sara.pk}]:abc:def"])
    assert client.get(forged).status_code == 400
    # A moderator corrects the address: links mailed to the old one stop working.
    Comment.objects.filter(pk=sara.pk).update(email="sara.new@example.com")
    assert client.get(unsubscribe).status_code == 400
    sara.refresh_from_db()
    assert sara.reply_emails == Comment.ReplyEmails.ON


def test_the_commenters_own_reply_and_a_comment_without_the_box_send_nothing(
    article, subscribe, send, reply
):
    sara = subscribe(article)
    CommentFactory(article=article, name="ليلى", email=LAYLA)
    plain = send(article, name="ليلى", email=LAYLA, body="بلا اشتراك", ip="203.0.113.30")
    assert plain.reply_emails == Comment.ReplyEmails.NONE
    own = reply(sara, name="سارة", email=SARA, body="وأضيف سؤالاً آخر")
    assert own.is_approved
    assert len(mails_to(SARA)) == 1 and mails_to(LAYLA) == []


def test_a_comment_judged_spam_sends_no_confirmation(article, send):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"disallowed_words": "قمار"})
    spam = send(article, name="مجهول", email="victim@example.com", body="قمار مجاني",
                reply_emails="on")  # fmt: skip
    assert spam.status == Comment.Status.SPAM
    assert mail.outbox == []


def test_each_moderator_is_told_of_a_held_comment_in_a_message_of_their_own(
    article, send, moderator, django_user_model
):
    second = django_user_model.objects.create_user(
        "second", "second@example.com", "pw", is_staff=True, is_superuser=True
    )
    send(article, name="سارة", email=SARA, body="تعليق ينتظر")
    assert sorted(message.to[0] for message in mail.outbox) == [moderator.email, second.email]
    for message in mail.outbox:
        assert addresses_in(message) - {settings.DEFAULT_FROM_EMAIL} == set(message.to)
        assert SARA not in readable(message)
