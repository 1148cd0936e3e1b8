"""Readers comment through the real form over HTTP; bad input never costs them their text."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments.forms import MAX_SECONDS, MIN_SECONDS, issue_token
from comments.models import Comment, DiscussionSettings
from comments.services import FLOOD_SECONDS, moderate_comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


def post(client, article, data, **extra):
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    return client.post(url, data, REMOTE_ADDR=extra.pop("ip", "198.51.100.7"), **extra)


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_the_form_is_under_the_article_with_the_email_notice(client, article):
    html = page(client, article)
    assert "اترك تعليقاً" in html
    assert (
        '<p id="email-notes" class="text-secondary">لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p>'
        in html
    )
    for name in [
        "name",
        "email",
        "url",
        "body",
        "remember",
        "issued",
        "address",
        "csrfmiddlewaretoken",
    ]:
        assert f'name="{name}"' in html
    assert 'aria-describedby="email-notes"' in html
    assert f'action="/comments/post/{article.pk}/"' in html
    assert 'name="remember"' in html and "checked" not in html.split('name="remember"')[1][:80]


def test_a_held_comment_is_shown_to_its_author_only(client, article, comment_data):
    response = post(client, article, comment_data(body="تعليق أول مني"))
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == "pending"
    mine = client.get(response["Location"]).content.decode()
    assert "تعليق أول مني" in mine and "تعليقك بانتظار المراجعة" in mine
    assert "شكراً لك: تعليقك بانتظار المراجعة." in mine
    client.cookies.clear()
    assert "تعليق أول مني" not in page(client, article)


def test_approval_makes_it_public_and_spam_or_trash_removes_it(
    client, article, comment_data, editor
):
    post(client, article, comment_data(body="رأي جدير بالنشر"))
    comment = Comment.objects.get()
    client.cookies.clear()
    moderate_comment(comment, action="approve", by=editor)
    html = page(client, article)
    assert "رأي جدير بالنشر" in html and "تعليق واحد" in html
    for action in ["spam", "trash"]:
        moderate_comment(comment, action=action, by=editor)
        assert "رأي جدير بالنشر" not in page(client, article)
        moderate_comment(comment, action="approve", by=editor)


def test_a_returning_commenter_is_approved_at_once(client, article, comment_data):
    CommentFactory(article=article, name="سارة", email="sara@example.com")
    response = post(client, article, comment_data(body="تعليق ثانٍ"))
    assert Comment.objects.get(body="تعليق ثانٍ").status == "approved"
    assert "شكراً لك: نُشر تعليقك." in client.get(response["Location"]).content.decode()


def test_a_second_comment_within_15_seconds_gets_429_and_keeps_the_text(
    clock, client, article, comment_data
):
    post(client, article, comment_data(body="الأول"))
    clock.shift(FLOOD_SECONDS - 1)
    response = post(
        client, article, comment_data(body="الثاني الذي كتبته بعناية", email="other@example.com")
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "أنت ترسل التعليقات بسرعة كبيرة" in html
    assert "الثاني الذي كتبته بعناية" in html
    assert Comment.objects.count() == 1


def test_the_same_email_from_another_ip_is_also_flooding(clock, client, article, comment_data):
    post(client, article, comment_data(body="الأول"))
    clock.shift(FLOOD_SECONDS - 1)
    assert post(client, article, comment_data(body="الثاني"), ip="203.0.113.9").status_code == 429


def test_after_15_seconds_the_next_comment_is_accepted(clock, client, article, comment_data):
    post(client, article, comment_data(body="الأول"))
    clock.shift(FLOOD_SECONDS + 1)
    response = post(client, article, comment_data(body="الثاني"))
    assert response.status_code == 302


def test_the_exact_same_comment_again_gets_409(clock, client, article, comment_data):
    post(client, article, comment_data())
    clock.shift(2 * FLOOD_SECONDS)  # past the flood interval: refused as the same text
    response = post(client, article, comment_data())
    assert response.status_code == 409
    assert "وصلنا هذا التعليق سابقاً" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_honeypot_refuses_bots(client, article, comment_data):
    response = post(client, article, comment_data(address="123 Main St"))
    assert response.status_code == 400
    assert "تعذّر قبول تعليقك." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("age", [MIN_SECONDS, MAX_SECONDS])
def test_a_form_sent_from_3_seconds_to_2_hours_after_it_was_shown_is_accepted(
    clock, client, article, comment_data, age
):
    data = comment_data(issued=issue_token())
    clock.shift(age)
    assert post(client, article, data).status_code == 302


@pytest.mark.parametrize(
    "token, age, message",
    [
        (issue_token, MIN_SECONDS - 0.1, "أُرسل النموذج بسرعة كبيرة"),
        (issue_token, MAX_SECONDS + 1, "انتهت صلاحية النموذج"),
        (lambda: "1700000000.0:forged:signature", MIN_SECONDS, "النموذج غير صالح"),
        (lambda: "", MIN_SECONDS, "النموذج غير صالح"),
    ],
    ids=["too fast", "too old", "forged", "empty"],
)
def test_forms_too_fast_too_old_or_forged_are_refused_with_text_kept(
    clock, client, article, comment_data, token, age, message
):
    data = comment_data(body="نص لا يضيع", issued=token())
    clock.shift(age)  # from showing the form to sending it
    response = post(client, article, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "نص لا يضيع" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "ا" * 246, "تأكد أن هذه القيمة تحتوي على"),
        ("email", "a" * 95 + "@example.com", "تأكد أن هذه القيمة تحتوي على"),
        ("url", "https://example.com/" + "a" * 200, "تأكد أن هذه القيمة تحتوي على"),
        ("body", "ب" * 65526, "تأكد أن هذه القيمة تحتوي على"),
        ("name", "اسم\x00", "الأحرف الخالية غير مسموح بها."),
        ("name", "اسم\u202eمعكوس", "لا يمكن أن يحتوي الاسم على رموز تحكم"),
        ("name", "اسم\u2066معزول", "لا يمكن أن يحتوي الاسم على رموز تحكم"),
        ("email", "ليس-بريداً", "أدخِل عنوان بريد إلكتروني صحيح."),
        ("url", "javascript:alert(1)", "أدخِل رابطًا صحيحًا."),
        ("body", "", "هذا الحقل مطلوب."),
        ("body", "\x00\u202e", "هذا الحقل مطلوب."),
    ],
)
def test_bad_input_gets_a_clear_arabic_error_and_nothing_is_saved(
    client, article, comment_data, field, value, message
):
    response = post(client, article, comment_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_five_megabyte_comment_is_refused_not_a_500(client, article, comment_data):
    response = post(client, article, comment_data(body="ت" * (5 * 1024 * 1024)))
    assert response.status_code == 400
    assert "تعذّرت قراءة الطلب" in response.content.decode()
    assert not Comment.objects.exists()


def test_nul_and_bidi_controls_are_stripped_from_bodies(client, article, comment_data):
    post(client, article, comment_data(body="نص\x00 مع\u202e تحكم\u2067"))
    assert Comment.objects.get().body == "نص مع تحكم"


def test_ip_and_user_agent_are_stored_for_moderation(client, article, comment_data):
    post(client, article, comment_data(), HTTP_USER_AGENT="Mozilla/5.0 (Android)")
    comment = Comment.objects.get()
    assert (comment.ip, comment.user_agent) == ("198.51.100.7", "Mozilla/5.0 (Android)")


def test_bodies_are_escaped_links_clickable_line_breaks_kept_and_directions_isolated(
    client, article
):
    CommentFactory(
        article=article,
        name="<b>Ali</b>",
        body="<script>alert(1)</script>\nسطر https://example.org/x",
    )
    html = page(client, article)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in html
    assert '<a href="https://example.org/x" rel="nofollow ugc noopener">' in html
    assert "&lt;b&gt;Ali&lt;/b&gt;</bdi>" in html
    assert '<div class="comment-body" dir="auto">' in html


def test_comments_are_threaded_oldest_first_with_reply_links(client, article, comment_data):
    first = CommentFactory(article=article, body="الأقدم")
    CommentFactory(article=article, body="الأحدث")
    reply = CommentFactory(article=article, parent=first, body="رد على الأقدم")
    html = page(client, article)
    assert html.index("الأقدم") < html.index("رد على الأقدم") < html.index("الأحدث")
    assert f'href="?replytocom={first.pk}#respond"' in html
    form = client.get(article.get_absolute_url() + f"?replytocom={first.pk}").content.decode()
    assert f'name="parent" value="{first.pk}"' in form
    assert reply.depth == 1 and reply.root == first


def test_a_reply_through_the_form_joins_the_thread(client, article, comment_data):
    parent = CommentFactory(article=article)
    post(client, article, comment_data(parent=parent.pk, body="ردي"))
    reply = Comment.objects.get(body="ردي")
    assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)


def test_replies_stop_nesting_at_the_depth_limit(client, article, comment_data):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"thread_depth": 2})
    top = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=top)
    html = page(client, article)
    assert f"?replytocom={top.pk}#" in html
    assert f"?replytocom={child.pk}#" not in html
    post(client, article, comment_data(parent=child.pk, body="ردي"))
    assert Comment.objects.get(body="ردي").parent == top


def test_replying_to_a_held_comment_or_another_article_is_refused(client, article, comment_data):
    held = CommentFactory(article=article, status="pending")
    elsewhere = CommentFactory()
    for parent in [held, elsewhere]:
        response = post(client, article, comment_data(parent=parent.pk, body=f"رد {parent.pk}"))
        assert response.status_code == 400
        assert "التعليق الذي تردّ عليه غير متاح." in response.content.decode()


def test_threads_are_paginated_by_the_settings(client, article):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"per_page": 2})
    for n in range(5):
        CommentFactory(article=article, body=f"تعليق الصفحة {n}")
    first = page(client, article)
    last = client.get(article.get_absolute_url() + "?comments-page=3").content.decode()
    assert "تعليق الصفحة 0" in first and "تعليق الصفحة 2" not in first
    assert "تعليق الصفحة 4" in last and "الصفحة 3 من 3" in last
    assert "5 تعليقات" in first


def test_closed_articles_take_no_comments(client, comment_data):
    closed = ArticleFactory(comments_open=False)
    assert "التعليقات مغلقة." in page(client, closed)
    response = post(client, closed, comment_data())
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comments_close_automatically_after_n_days_when_turned_on(client, comment_data):
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"close_old_articles": True})
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=15))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=13))
    assert post(client, old, comment_data()).status_code == 403
    assert post(client, recent, comment_data(email="b@example.com")).status_code == 302


def test_drafts_take_no_comments(client, comment_data):
    draft = ArticleFactory(status="draft")
    assert post(client, draft, comment_data()).status_code == 404


def test_the_consent_box_remembers_the_author_in_a_cookie(client, article, comment_data):
    response = post(client, article, comment_data(remember="on", url="https://sara.example"))
    assert "comment_author" in response.cookies and response.cookies["comment_author"]["httponly"]
    html = page(client, article)
    assert 'value="sara@example.com"' in html and 'value="سارة"' in html


def test_without_consent_no_cookie_is_set(client, article, comment_data):
    response = post(client, article, comment_data())
    assert (
        response.cookies.get("comment_author") is None
        or response.cookies["comment_author"].value == ""
    )


def test_held_comments_email_the_moderators_with_a_link_to_the_queue(
    client, article, comment_data, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment_data())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@example.com"]
    assert "افتتاح الجسر الجديد" in message.subject
    assert "/admin/comments/comment/?status=pending" in message.body


def test_approved_comments_send_no_email(
    client, article, comment_data, moderator, django_capture_on_commit_callbacks
):
    CommentFactory(article=article, name="سارة", email="sara@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, comment_data(body="تعليق ثانٍ"))
    assert mail.outbox == []


def test_logged_in_moderators_are_approved_directly_and_not_flood_limited(
    client, article, comment_data, moderator
):
    client.force_login(moderator)
    post(client, article, comment_data(body="أولاً"))
    post(client, article, comment_data(body="ثانياً"))
    assert list(Comment.objects.values_list("status", flat=True)) == ["approved", "approved"]


def test_a_post_without_the_csrf_token_is_refused(article, comment_data):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = post(browser, article, comment_data())
    assert response.status_code == 403
    assert "انتهت صلاحية النموذج" in response.content.decode()
    assert not Comment.objects.exists()
