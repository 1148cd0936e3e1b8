"""Statuses, transitions and their audit trail; scheduling to the second; the trash."""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.articles.workflow_helpers import change_url, form_data, in_future, make_user, reload
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(timezone.datetime(2026, 12, 1, 12, 0, 0))


@pytest.fixture
def editor_user(django_user_model):
    return make_user(django_user_model, "editor")


def draft(**fields):
    return ArticleFactory(**{"status": Article.Status.DRAFT, **fields})


def test_draft_to_review_to_published_to_draft_each_step_audited(django_user_model, editor_user):
    contributor = make_user(django_user_model, "contributor")
    article = draft(author=contributor)
    workflow.submit_for_review(article, by=contributor)
    workflow.publish(article, by=editor_user)
    workflow.unpublish(article, by=editor_user)
    steps = [
        (e.actor.username, e.from_state, e.to_state) for e in article.events.order_by("at", "pk")
    ]
    assert steps == [
        ("contributor", "draft", "pending"),
        ("editor", "pending", "published"),
        ("editor", "published", "draft"),
    ]


def test_trash_keeps_the_previous_status_and_restore_returns_to_it(editor_user):
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    workflow.trash(article, by=editor_user)
    assert (reload(article).status, reload(article).previous_status) == ("trash", "published")
    assert not Article.objects.published().filter(pk=article.pk).exists()
    workflow.restore(article, by=editor_user)
    assert reload(article).status == "published"


def test_the_trash_is_emptied_after_30_days_by_the_periodic_task(clock, editor_user):
    old, recent = draft(), draft()
    workflow.trash(old, by=editor_user)
    clock.shift(timedelta(days=1))
    workflow.trash(recent, by=editor_user)
    clock.shift(timedelta(days=30, seconds=-1))  # the recent one: a second short of 30 days
    call_command("periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Article.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_past_time_cannot_be_scheduled(clock, editor_user):
    with pytest.raises(ValidationError):
        workflow.schedule(draft(), by=editor_user, at=timezone.now() - timedelta(seconds=1))


def test_services_refuse_users_without_the_right(django_user_model):
    contributor = make_user(django_user_model, "contributor")
    article = draft(author=contributor)
    for transition in (workflow.publish, workflow.unpublish):
        with pytest.raises(PermissionDenied):
            transition(article, by=contributor)
    assert reload(article).status == "draft"


def test_a_scheduled_article_is_public_exactly_at_its_second(client, editor_user):
    section = CategoryFactory()
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        article = draft(category=section, title="خبر مجدول")
        workflow.schedule(article, by=editor_user, at=NOON)
        assert reload(article).state == "scheduled"
    # Lists, feeds and sitemaps alike: the home, the section, the site and section feeds,
    # the articles sitemap and the news sitemap.
    lists = [
        "/",
        section.get_absolute_url(),
        "/feed/",
        "/feed/atom/",
        section.get_absolute_url() + "feed/",
        "/sitemaps/articles.xml",
        "/sitemap-news.xml",
    ]
    marks = ["خبر مجدول", article.slug, quote(article.slug)]
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        for url in lists:
            body = client.get(url).content.decode()
            assert not any(mark in body for mark in marks), url
    with time_machine.travel(NOON, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        for url in lists:
            body = client.get(url).content.decode()
            assert any(mark in body for mark in marks), url


def test_publishing_side_effects_run_when_due_and_the_command_catches_up(
    clock, editor_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        now = workflow.publish(draft(), by=editor_user)
        later = workflow.schedule(draft(), by=editor_user, at=timezone.now() + timedelta(minutes=2))
    assert reload(now).went_live_at is not None
    assert reload(later).went_live_at is None  # the immediate queue cannot defer: not yet
    clock.shift(timedelta(minutes=2))
    call_command("publish_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert reload(later).went_live_at is not None


def test_the_admin_buttons_schedule_and_the_state_shows_with_its_time(clock, client, editor_user):
    client.force_login(editor_user)
    article = draft(author=editor_user)
    response = client.post(
        change_url(article), form_data(article, _workflow="schedule", **in_future(minutes=2))
    )
    assert response.status_code == 302
    assert reload(article).state == "scheduled"
    listing = client.get("/admin/articles/article/").content.decode()
    assert "مجدول" in listing


def test_scheduling_in_the_past_is_refused_in_the_form(clock, client, editor_user):
    client.force_login(editor_user)
    article = draft(author=editor_user)
    response = client.post(
        change_url(article), form_data(article, _workflow="schedule", **in_future(minutes=-5))
    )
    assert response.status_code == 200
    assert "يجب أن يكون وقت الجدولة في المستقبل." in response.content.decode()
    assert reload(article).status == "draft"


def test_the_dashboard_shows_pending_scheduled_recent_and_held_comments(client, editor_user):
    from tests.factories import CommentFactory

    ArticleFactory(status=Article.Status.PENDING, title="بانتظار المراجعة هنا")
    ArticleFactory(published_at=timezone.now() + timedelta(hours=3), title="مجدول لاحقاً")
    ArticleFactory(title="منشور حديثاً")
    CommentFactory.create_batch(3, status="pending")
    client.force_login(editor_user)
    html = client.get("/admin/").content.decode()
    for text in [
        "بانتظار المراجعة هنا",
        "مجدول لاحقاً",
        "منشور حديثاً",
        "3 تعليقات بانتظار المراجعة",
    ]:
        assert text in html
