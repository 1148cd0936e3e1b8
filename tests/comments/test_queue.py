"""The moderation queue built for moderators: cards, one-click actions, replies, edits, the trash,
the pending count in the menu and on the desk (the browser side: tests/browser/test_moderation_queue.py)."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, CommentReport
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"
JSON = {"HTTP_ACCEPT": "application/json"}


def row(client, comment, what, data=None, **headers):
    """Post a card's form as the page does: what is "moderate/<action>", "reply" or "quick-edit"."""
    data = {"next": QUEUE + "?status=pending", **(data or {})}
    return client.post(f"{QUEUE}{comment.pk}/{what}/", data, **headers)


@pytest.fixture
def staff(client, moderator):
    moderator.first_name, moderator.last_name = "هيئة", "التحرير"
    moderator.save()
    client.force_login(moderator)
    return moderator


def test_a_card_shows_the_whole_comment_its_article_reason_history_and_reports(client, staff):
    article = ArticleFactory(title="مقالة النقاش")
    long_body = "كلمة " * 400 + "نهاية التعليق"
    held = CommentFactory(
        article=article, status="pending", name="سمير", email="samir@example.com",
        body=long_body, reason="مُعلّق: يحتوي على 3 روابط والحد 2",
    )  # fmt: skip
    CommentFactory.create_batch(2, email="samir@example.com", status="approved")
    CommentFactory(email="samir@example.com", status="spam")
    CommentFactory(email="other@example.com", status="spam")
    for reader in ["a", "b"]:
        CommentReport.objects.create(comment=held, reader=reader)
    html = client.get(QUEUE).content.decode()
    assert "نهاية التعليق" in html  # whole, not cut at 120 characters
    assert f'href="{article.get_absolute_url()}"' in html and "مقالة النقاش" in html
    assert "samir@example.com" in html and "مُعلّق: يحتوي على 3 روابط والحد 2" in html
    assert "موافق عليه: 2 · مزعج: 1" in html  # the author's other comments
    assert 'data-status-count="pending"' in html and "بانتظار المراجعة (1)" in html


def test_the_queue_words_are_arabic(client, staff):
    """Needs the lead's catalogue (var/po/queue.json) compiled."""
    CommentFactory(status="pending", from_staff=True)
    html = client.get(QUEUE).content.decode()
    for words in ["موافقة", "تعليق للمراجعة", "وضع علامة مزعج", "نقل إلى سلة المهملات"]:
        assert words in html  # already in the catalogue
    for words in ["اختصارات لوحة المفاتيح", "موافقة ورد", "تحرير سريع", "فريق التحرير"]:
        assert words in html, words
    assert "إفراغ سلة المهملات" in client.get(QUEUE, {"status": "trash"}).content.decode()


def test_one_click_approve_answers_json_with_the_card_and_counts(client, staff):
    comment = CommentFactory(status="pending", name="منى")
    other = CommentFactory(status="pending")
    response = row(client, comment, "moderate/approve", **JSON)
    assert response.status_code == 200
    answer = response.json()
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by == staff
    assert answer["ok"] and answer["status"] == "approved" and answer["pending"] == 1
    assert answer["counts"]["pending"] == "بانتظار المراجعة (1)"
    assert answer["counts"]["approved"] == "موافق عليه (1)"
    assert f'id="queue-comment-{comment.pk}"' in answer["card"]
    assert 'data-status="approved"' in answer["card"] and "منى" in answer["message"]
    other.refresh_from_db()
    assert other.status == "pending"


@pytest.mark.parametrize(
    "action, before, after",
    [("hold", "approved", "pending"), ("spam", "pending", "spam"), ("trash", "pending", "trash"),
     ("restore", "trash", "pending")],
)  # fmt: skip
def test_a_plain_form_without_javascript_moderates_and_comes_back(
    client, staff, action, before, after
):
    comment = CommentFactory(status=before)
    response = row(client, comment, f"moderate/{action}")
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status=pending#queue-comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.status == after
    page = client.get(response["Location"]).content.decode()
    assert f"{comment.name}: {comment.get_status_display()}" in page  # the message


def test_a_next_address_elsewhere_is_not_followed(client, staff):
    comment = CommentFactory(status="pending")
    response = row(client, comment, "moderate/approve", {"next": "https://evil.example/"})
    assert response["Location"].startswith(QUEUE + "#")


def test_row_actions_refuse_other_methods_actions_and_people(client, staff, django_user_model):
    comment = CommentFactory(status="pending")
    assert client.get(f"{QUEUE}{comment.pk}/moderate/approve/").status_code == 405
    assert row(client, comment, "moderate/delete").status_code == 404
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    client.force_login(writer)
    assert row(client, comment, "moderate/approve", **JSON).status_code == 403
    assert row(client, comment, "reply", {"reply": "رد"}).status_code == 403
    client.logout()
    response = row(client, comment, "moderate/approve")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.status == "pending" and not comment.replies.exists()


def test_a_reply_to_a_held_comment_approves_it_and_is_published_as_staff(client, staff):
    parent = CommentFactory(status="pending", name="قارئة", body="سؤال للمحرر")
    response = row(client, parent, "reply", {"reply": "شكراً على سؤالك.\r\nسنتابع."}, **JSON)
    assert response.status_code == 200 and response.json()["ok"]
    parent.refresh_from_db()
    reply = parent.replies.get()
    assert parent.status == "approved"
    assert (reply.status, reply.from_staff, reply.name) == ("approved", True, "هيئة التحرير")
    assert reply.body == "شكراً على سؤالك.\nسنتابع." and reply.email == "moderator@example.com"
    client.logout()
    page = client.get(parent.article.get_absolute_url()).content.decode()
    assert "شكراً على سؤالك." in page and "سؤال للمحرر" in page


def test_a_refused_reply_approves_nothing(client, staff):
    parent = CommentFactory(status="pending", article=ArticleFactory(comments_open=False))
    response = row(client, parent, "reply", {"reply": "رد"}, **JSON)
    assert response.status_code == 400 and response.json()["message"]
    parent.refresh_from_db()
    assert parent.status == "pending" and not parent.replies.exists()
    empty = row(client, parent, "reply", {"reply": "   "}, **JSON)
    assert empty.status_code == 400
    spam = CommentFactory(status="spam")
    assert row(client, spam, "reply", {"reply": "رد"}, **JSON).status_code == 400
    assert not Comment.objects.filter(from_staff=True).exists()


def test_quick_edit_changes_the_text_and_keeps_the_readers_original(client, staff):
    comment = CommentFactory(status="approved", body="النص الأصلي للقارئ")
    row(client, comment, "quick-edit", {"body": "نص بعد التحرير الأول"}, **JSON)
    answer = row(client, comment, "quick-edit", {"body": "نص بعد التحرير الثاني"}, **JSON).json()
    comment.refresh_from_db()
    assert comment.body == "نص بعد التحرير الثاني" and comment.edited_at
    assert comment.original_body == "النص الأصلي للقارئ"
    assert "النص الأصلي للقارئ" in answer["card"]
    client.logout()
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert "نص بعد التحرير الثاني" in page and "النص الأصلي للقارئ" not in page


def test_an_empty_edit_is_refused(client, staff):
    comment = CommentFactory(status="approved", body="يبقى كما هو")
    response = row(client, comment, "quick-edit", {"body": ""}, **JSON)
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "يبقى كما هو" and not comment.original_body


def test_the_full_form_also_keeps_the_original(client, staff):
    comment = CommentFactory(status="pending", body="كلمات القارئ")
    data = {"name": comment.name, "email": comment.email, "url": "", "body": "مختصر",
            "status": "pending"}  # fmt: skip
    assert client.post(f"{QUEUE}{comment.pk}/change/", data).status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.original_body) == ("مختصر", "كلمات القارئ")


def test_nobody_deletes_permanently_from_the_queue(client, editor):
    comment = CommentFactory(status="trash")
    client.force_login(editor)  # a superuser: even they may not
    html = client.get(QUEUE, {"status": "trash"}).content.decode()
    assert 'value="delete_selected"' not in html
    assert client.post(f"{QUEUE}{comment.pk}/delete/").status_code == 403
    data = {"action": "delete_selected", "_selected_action": [comment.pk], "index": 0}
    client.post(QUEUE + "?status=all", data)
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_emptying_the_trash_deletes_only_what_has_been_there_30_days(client, staff, clock):
    def trashed(days_ago, **fields):
        moved = timezone.now() - timedelta(days=days_ago)
        return CommentFactory(status="trash", moderated_at=moved, **fields)

    old, recent = trashed(31), trashed(29)
    held = CommentFactory(status="pending", created_at=timezone.now() - timedelta(days=90))
    # A trashed comment whose approved reply is still shown stays, and so does the reply.
    kept_parent = trashed(40)
    shown_reply = CommentFactory(parent=kept_parent, article=kept_parent.article)
    # A trashed thread goes whole: the old reply first, then its old parent.
    gone_parent = trashed(45)
    gone_reply = trashed(35, parent=gone_parent, article=gone_parent.article)
    response = client.post(QUEUE + "empty-trash/", {"next": QUEUE + "?status=trash"})
    assert response.status_code == 302 and response["Location"] == QUEUE + "?status=trash"
    left = set(Comment.objects.values_list("pk", flat=True))
    assert left == {recent.pk, held.pk, kept_parent.pk, shown_reply.pk}
    assert old.pk not in left and gone_parent.pk not in left and gone_reply.pk not in left


def test_cron_empties_the_comment_trash_after_30_days_too(clock):
    old = CommentFactory(status="trash", moderated_at=timezone.now() - timedelta(days=31))
    recent = CommentFactory(status="trash", moderated_at=timezone.now() - timedelta(days=29))
    call_command("periodic", stdout=io.StringIO())
    assert list(Comment.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Comment.objects.filter(pk=old.pk).exists()


def test_the_empty_trash_button_is_on_the_trash_view_only(client, staff):
    assert 'action="/admin/comments/comment/empty-trash/"' not in client.get(QUEUE).content.decode()
    trash = client.get(QUEUE, {"status": "trash"}).content.decode()
    assert 'action="/admin/comments/comment/empty-trash/"' in trash


def test_staff_without_the_permission_cannot_empty_the_trash(client, django_user_model):
    comment = CommentFactory(status="trash", moderated_at=None)
    Comment.objects.filter(pk=comment.pk).update(created_at=comment.created_at - timedelta(days=60))
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    client.force_login(writer)
    assert client.post(QUEUE + "empty-trash/").status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_pending_count_is_in_the_menu_and_on_the_desk(client, staff):
    CommentFactory.create_batch(3, status="pending")
    CommentFactory(status="approved")
    home = client.get("/admin/").content.decode()
    assert "<span data-pending-count>3</span>" in home  # the menu
    assert "3 تعليقات بانتظار المراجعة" in home  # the desk
    queue = client.get(QUEUE).content.decode()  # the side menu of every admin page
    assert "<span data-pending-count>3</span>" in queue


def test_no_pending_count_for_staff_who_do_not_moderate(client, django_user_model):
    CommentFactory(status="pending")
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    client.force_login(writer)
    assert "data-pending-count" not in client.get("/admin/").content.decode()


def test_the_queue_page_reads_history_in_grouped_queries_and_counts_nothing(client, staff):
    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE, {"status": "pending"}).status_code == 200
        return [query["sql"] for query in queries]

    client.get(QUEUE)  # the status counts are cached, as between two moderators' visits
    CommentFactory.create_batch(5, status="pending")
    client.get(QUEUE)
    small = queue_queries()
    CommentFactory.create_batch(45, status="pending")
    client.get(QUEUE)
    large = queue_queries()
    assert len(large) == len(small)
    assert not [sql for sql in large if "COUNT(*)" in sql.upper()]
    history = [sql for sql in large if "GROUP BY" in sql.upper()]
    assert len(history) == 2  # the authors' history, the reports: one query each for the page


def test_json_answers_are_json_even_for_refusals(client, staff):
    comment = CommentFactory(status="approved")
    answer = row(client, comment, "quick-edit", {"body": "x" * 70000}, **JSON)
    assert answer.status_code == 400 and json.loads(answer.content)["message"]
