"""Every door that changes an article's status goes through the workflow: one audit entry a
move, and the going-live task of whatever is published."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from articles.ingest import import_document
from articles.models import Article
from tests.articles.workflow_helpers import CHANGELIST, change_url, form_data, in_future, make_user
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory
from tests.feeds import feed
from tests.wordpress.exports import post, run, write, wxr

pytestmark = pytest.mark.django_db

SYSTEM = None


def trail(article):
    """(actor's username or None, from, to) of each audit entry, oldest first."""
    events = article.events.select_related("actor").order_by("at", "pk")
    return [(e.actor and e.actor.username, e.from_state, e.to_state) for e in events]


def went_live(article):
    return Article.objects.get(pk=article.pk).went_live_at is not None


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block after which what it scheduled for the commit has run (the going-live tasks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_admin_button_publishes_with_an_audit_entry_and_the_going_live_task(
    client, editor, committed
):
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor)
    with committed():
        response = client.post(change_url(article), form_data(article, _workflow="publish"))
    assert response.status_code == 302
    assert trail(article) == [("editor", "draft", "published")]
    assert went_live(article)


def test_the_bulk_action_publishes_each_article_with_its_entry_and_task(client, editor, committed):
    client.force_login(editor)
    drafts = ArticleFactory.create_batch(3, status=Article.Status.DRAFT)
    with committed():
        response = client.post(
            CHANGELIST, {"action": "publish", "_selected_action": [a.pk for a in drafts]}
        )
    assert response.status_code == 302
    for article in drafts:
        assert trail(article) == [("editor", "draft", "published")]
        assert went_live(article)


FEED = feed({"title": "خبر من الوكالة", "guid": "wire-1", "description": "نص"})


@pytest.mark.parametrize("publish_directly", [True, False])
def test_a_feed_import_enters_the_workflow_as_the_system(publish_directly, committed):
    source = SourceFactory(default_category=CategoryFactory(), publish_directly=publish_directly)
    with committed():
        assert import_document(FEED, source=source).new == 1
    article = Article.objects.get()
    state = "published" if publish_directly else "draft"
    assert trail(article) == [(SYSTEM, "", state)]
    assert went_live(article) is publish_directly
    assert article.events.get().from_label == "مستورد"


def test_a_wordpress_import_enters_the_workflow_as_the_system(tmp_path, committed):
    future = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    items = [
        post(1, "منشور"),
        post(2, "مجدول", date=future, status="future"),
        post(3, "مسودة", status="draft"),
    ]
    with committed():
        run(write(tmp_path, "export.xml", wxr(items)))
    by_title = {article.title: article for article in Article.objects.all()}
    assert trail(by_title["منشور"]) == [(SYSTEM, "", "published")]
    assert trail(by_title["مجدول"]) == [(SYSTEM, "", "scheduled")]
    assert trail(by_title["مسودة"]) == [(SYSTEM, "", "draft")]
    assert went_live(by_title["منشور"])
    assert not went_live(by_title["مجدول"])  # its time has not come


def test_scheduled_publication_is_the_clocks_move_audited_at_its_second(client, editor, committed):
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor)
    fields = in_future(minutes=2)
    with committed():
        client.post(change_url(article), form_data(article, _workflow="schedule", **fields))
    due = Article.objects.get(pk=article.pk).published_at
    assert trail(article) == [("editor", "draft", "scheduled")]
    assert not went_live(article)
    with time_machine.travel(due + timedelta(minutes=5), tick=False), committed():
        call_command("publish_due", stdout=io.StringIO())
        call_command("publish_due", stdout=io.StringIO())  # a second run changes nothing
    assert trail(article) == [("editor", "draft", "scheduled"), (SYSTEM, "scheduled", "published")]
    assert article.events.order_by("at").last().at == due
    assert went_live(article)


def test_the_system_is_named_in_the_forms_workflow_history(client, editor, committed):
    source = SourceFactory(default_category=CategoryFactory(), publish_directly=True)
    with committed():
        import_document(FEED, source=source)
    client.force_login(editor)
    page = client.get(change_url(Article.objects.get())).content.decode()
    assert "آلياً" in page and "مستورد" in page
