"""The moderation queue in the admin: who may use it, the bulk actions, the cost per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def bulk(client, action, comments, **params):
    data = {"action": action, "_selected_action": [c.pk for c in comments], "index": 0}
    return client.post(QUEUE + "?status=all", data, **params)


def test_the_queue_opens_on_pending_with_counts_reasons_and_emails(client, moderator):
    article = ArticleFactory(title="مقالة للنقاش")
    CommentFactory(
        article=article,
        status="pending",
        name="منتظر",
        email="wait@example.com",
        reason="مُعلّق: يحتوي على 3 روابط والحد 2",
        ip="203.0.113.5",
    )
    CommentFactory(article=article, status="approved", name="مقبول")
    CommentFactory(article=article, status="spam")
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "منتظر" in html and "wait@example.com" in html and "203.0.113.5" in html
    assert "مُعلّق: يحتوي على 3 روابط والحد 2" in html
    assert f'href="{article.get_absolute_url()}"' in html
    assert "مقبول</td>" not in html
    for label in ["بانتظار المراجعة (1)", "موافق عليه (1)", "مزعج (1)", "سلة المهملات (0)"]:
        assert label in html


def test_search_by_name_email_ip_and_text(client, moderator):
    CommentFactory(
        status="pending", name="خالد", email="khaled@example.com", ip="203.0.113.77", body="نص مميز"
    )
    CommentFactory(status="pending", name="ليلى")
    client.force_login(moderator)
    for query in ["خالد", "khaled@example", "203.0.113.77", "مميز"]:
        html = client.get(QUEUE, {"q": query, "status": "all"}).content.decode()
        assert "خالد" in html and "ليلى" not in html, query


def test_a_moderator_approves_and_the_comment_appears(client, moderator):
    comment = CommentFactory(status="pending", body="ينتظر موافقة المشرف")
    client.force_login(moderator)
    response = bulk(client, "approve", [comment])
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by == moderator
    client.logout()
    assert "ينتظر موافقة المشرف" in client.get(comment.article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "action, status", [("hold", "pending"), ("spam", "spam"), ("trash", "trash")]
)
def test_bulk_actions_change_every_selected_comment(client, moderator, action, status):
    comments = CommentFactory.create_batch(3, status="approved")
    untouched = CommentFactory(status="approved")
    client.force_login(moderator)
    bulk(client, action, comments)
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    ) == {status}
    untouched.refresh_from_db()
    assert untouched.status == "approved"


def test_restore_from_trash_returns_each_comment_to_its_previous_status(client, moderator):
    approved = CommentFactory(status="approved")
    pending = CommentFactory(status="pending")
    client.force_login(moderator)
    bulk(client, "trash", [approved, pending])
    bulk(client, "restore", [approved, pending])
    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.status, pending.status) == ("approved", "pending")


def test_a_moderator_gets_403_on_article_pages_even_with_crafted_posts(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get("/admin/articles/article/add/").status_code == 403
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 403
    response = client.post(f"/admin/articles/article/{article.pk}/change/", {"title": "مخترق"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "مخترق"


def test_staff_without_the_comment_permission_cannot_moderate(client, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    comment = CommentFactory(status="pending")
    client.force_login(writer)
    assert client.get(QUEUE).status_code == 403
    assert bulk(client, "approve", [comment]).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_readers_cannot_reach_the_queue(client):
    comment = CommentFactory(status="pending")
    response = bulk(client, "approve", [comment])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_editors_and_superusers_may_moderate(client, editor):
    comment = CommentFactory(status="pending")
    client.force_login(editor)
    bulk(client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_the_queue_costs_the_same_queries_for_10_or_60_comments(client, moderator):
    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE, {"status": "all"}).status_code == 200
        return len(queries)

    client.force_login(moderator)
    CommentFactory.create_batch(10, status="pending", article=ArticleFactory())
    small = queue_queries()
    for _ in range(5):
        CommentFactory.create_batch(10, status="pending", article=ArticleFactory())
    assert queue_queries() == small


def test_changing_the_status_in_the_form_records_the_decision(client, moderator):
    comment = CommentFactory(status="pending", body="نص")
    client.force_login(moderator)
    url = f"/admin/comments/comment/{comment.pk}/change/"
    response = client.post(
        url,
        {"name": comment.name, "email": comment.email, "url": "", "body": "نص", "status": "spam"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.previous_status) == ("spam", "pending")
    assert comment.moderated_by == moderator
