"""Readers report comments («إبلاغ») without an account or JavaScript, from cached pages;
enough readers send an approved comment back to the moderators."""

import re

import pytest
from django.core import mail, signals
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentReport, DiscussionSettings
from comments.reports import REPORTS_PER_HOUR, reader_key, report_comment
from comments.services import moderate_comment
from tests.factories import ArticleFactory, CommentFactory
from tests.wsgi import get

pytestmark = pytest.mark.django_db

BROWSER = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
READERS = ["198.51.100.1", "198.51.100.2", "2001:db8::3", "198.51.100.4"]
THANKS = "شكراً، وصل بلاغك."


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


@pytest.fixture
def comment(article):
    return CommentFactory(article=article, name="قارئ غاضب", body="تعليق مسيء للجيران")


def report_button(html, comment):
    """The report form under the comment, as the shared page holds it."""
    found = re.search(rf'<form class="comment-report[^"]*" method="post" action="([^"]+)">'
                      rf'<button[^>]*aria-describedby="comment-{comment.pk}-author"', html)  # fmt: skip
    return found and found.group(1)


def reports_it(ip, comment, **headers):
    """A reader presses «إبلاغ» under the comment: the response and the page they land on."""
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)
    action = reverse("comments:report", args=[comment.pk])
    response = reader.post(action, headers=headers or BROWSER)
    landed = reader.get(response["Location"]) if response.status_code == 302 else response
    return response, landed.content.decode()


def shared_page(wsgi_app, article):
    """The article page through the page cache. Django's test client turns the closing of
    database connections back on after each of its requests; the site as served must not
    close the test's connection (see the wsgi_app fixture)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    return get(wsgi_app, article.get_absolute_url())


def shown_publicly(wsgi_app, article, text):
    return text in shared_page(wsgi_app, article)[2]


def test_three_readers_send_an_approved_comment_back_to_the_queue(
    wsgi_app, article, comment, moderator, django_capture_on_commit_callbacks
):
    html = shared_page(wsgi_app, article)[2]
    assert report_button(html, comment) == f"/comments/report/{comment.pk}/"
    for ip in READERS[:2]:
        response, page = reports_it(ip, comment)
        assert response.status_code == 302 and THANKS in page
    comment.refresh_from_db()
    assert comment.is_approved and shown_publicly(wsgi_app, article, comment.body)

    with django_capture_on_commit_callbacks(execute=True):
        reports_it(READERS[2], comment)
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, "أبلغ عنه 3 قراء")
    assert not shown_publicly(wsgi_app, article, comment.body)  # the cached page is redrawn
    assert len(mail.outbox) == 1 and "أبلغ عنه 3 قراء" in mail.outbox[0].body

    response, page = reports_it(READERS[0], comment)  # a fourth report, from the first reader
    assert response.status_code == 302 and THANKS in page
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, "أبلغ عنه 3 قراء")
    assert comment.reports.count() == 3

    queue = Client()
    queue.force_login(moderator)
    html = queue.get(reverse("admin:comments_comment_changelist") + "?status=pending")
    assert "أبلغ عنه 3 قراء" in html.content.decode()


def test_a_reader_who_reports_again_is_counted_once(comment):
    for _ in range(3):
        reports_it(READERS[0], comment)
    comment.refresh_from_db()
    assert comment.is_approved and comment.reports.count() == 1


def test_a_report_counts_the_reader_and_stores_no_address(comment):
    assert report_comment(comment, reader_key(READERS[0])) is True
    assert report_comment(comment, reader_key(READERS[0])) is False
    stored = CommentReport.objects.get().reader
    assert len(stored) == 64 and READERS[0] not in stored
    assert stored != reader_key(READERS[1])


def test_a_comment_approved_again_by_a_moderator_needs_new_reports(comment, editor):
    for ip in READERS[:3]:
        reports_it(ip, comment)
    moderate_comment(comment, action="approve", by=editor)
    reports_it(READERS[3], comment)
    comment.refresh_from_db()
    assert comment.is_approved
    for ip in ["203.0.113.5", "203.0.113.6"]:
        reports_it(ip, comment)
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, "أبلغ عنه 3 قراء")


def test_the_number_of_readers_is_a_discussion_setting(comment):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"reports_to_hold": 2})
    for ip in READERS[:2]:
        reports_it(ip, comment)
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, "أبلغ عنه قارئان")


def test_reporting_turned_off_shows_no_button_and_counts_nothing(client, article, comment):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"reports_to_hold": 0})
    assert report_button(client.get(article.get_absolute_url()).content.decode(), comment) is None
    for ip in READERS[:3]:
        reports_it(ip, comment)
    comment.refresh_from_db()
    assert comment.is_approved and not comment.reports.exists()


def test_a_reader_reporting_a_whole_thread_is_slowed_down(clock, article):
    comments = CommentFactory.create_batch(REPORTS_PER_HOUR + 1, article=article)
    key = reader_key(READERS[0])
    counted = [report_comment(comment, key) for comment in comments]
    assert counted == [True] * REPORTS_PER_HOUR + [False]
    clock.shift(60 * 60 + 1)
    assert report_comment(comments[-1], key) is True


def test_the_button_on_the_shared_page_holds_nothing_of_a_reader(wsgi_app, article, comment):
    get(wsgi_app, article.get_absolute_url())
    _status, headers, html = get(wsgi_app, article.get_absolute_url())
    assert headers["X-Page-Cache"] == "hit"
    form = html[html.index('<form class="comment-report') :].split("</form>")[0]
    assert report_button(html, comment) and "<input" not in form


def test_held_comments_and_the_newsrooms_replies_have_no_button(client, article, comment):
    staff = CommentFactory(article=article, parent=comment, from_staff=True)
    held = CommentFactory(article=article, status=Comment.Status.PENDING)
    html = client.get(article.get_absolute_url()).content.decode()
    assert report_button(html, comment) and not report_button(html, staff)
    assert report_comment(staff, reader_key(READERS[0])) is False
    assert report_comment(held, reader_key(READERS[0])) is False
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, {}],
    ids=["another site", "no origin"],
)
def test_a_report_that_cannot_be_checked_is_confirmed_on_a_page_of_the_site(comment, headers):
    reader = Client(enforce_csrf_checks=True, REMOTE_ADDR=READERS[0])
    action = reverse("comments:report", args=[comment.pk])
    response = reader.post(action, headers=headers)
    html = response.content.decode()
    assert response.status_code == 403 and not CommentReport.objects.exists()
    assert "الإبلاغ عن تعليق" in html and 'class="site-name"' in html
    assert "تعليق مسيء للجيران" in html  # which comment: it is public
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    confirmed = reader.post(action, {"csrfmiddlewaretoken": token})  # as an old browser
    assert confirmed.status_code == 302
    assert CommentReport.objects.count() == 1


def test_comments_of_unpublished_articles_cannot_be_reported(comment, article):
    article.status = "draft"
    article.save()
    response, _page = reports_it(READERS[0], comment)
    assert response.status_code == 404 and not CommentReport.objects.exists()
