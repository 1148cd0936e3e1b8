"""The article form's one row of actions, what each says once done, its preview link, and the
read-only view, through the admin over HTTP."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from articles.models import Article
from tests.articles.workflow_helpers import (
    CHANGELIST,
    change_url,
    form_data,
    in_future,
    make_user,
    reload,
)
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

BUTTON = re.compile(r'<button type="submit" name="(_save|_workflow)" value="(\w+)"[^>]*>([^<]+)<')


def rows(html):
    """Each row of actions on the page: [(posted name, value, label), ...]."""
    found = re.findall(r'<div class="submit-row desk-actions".*?</div>', html, re.DOTALL)
    return [BUTTON.findall(row) for row in found]


def signed_in(client, django_user_model, role):
    user = make_user(django_user_model, role)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("contributor", "draft", ["حفظ المسودة", "إرسال للمراجعة", "نقل إلى سلة المهملات"]),
        ("contributor", "pending", ["حفظ التغييرات", "نقل إلى سلة المهملات"]),
        (
            "author",
            "draft",
            ["حفظ المسودة", "نشر الآن", "جدولة النشر في الوقت المحدد", "نقل إلى سلة المهملات"],
        ),
        (
            "editor",
            "published",
            ["حفظ التغييرات", "إلغاء النشر (إعادة إلى مسودة)", "نقل إلى سلة المهملات"],
        ),
        ("editor", "trash", ["استعادة من سلة المهملات"]),
    ],
)
def test_one_row_of_the_actions_this_user_may_take_at_the_top_and_the_bottom(
    client, django_user_model, role, status, expected
):
    user = signed_in(client, django_user_model, role)
    previous = "draft" if status == "trash" else ""
    article = ArticleFactory(author=user, status=status, previous_status=previous)
    html = client.get(change_url(article)).content.decode()
    top, bottom = rows(html)
    assert top == bottom
    assert [label for _name, _value, label in top] == expected
    assert html.count('class="submit-row') == 2  # no second row of Django's save buttons
    assert "احفظ ثم" not in html


def test_the_first_button_saves_so_enter_in_a_field_never_publishes(client, django_user_model):
    user = signed_in(client, django_user_model, "editor")
    html = client.get(change_url(ArticleFactory(author=user, status="draft"))).content.decode()
    first = rows(html)[0][0]
    assert first == ("_save", "save", "حفظ المسودة")
    # The main move is marked as such: here, publishing.
    assert re.search(r'value="publish" class="button desk-publish default"', html)


def test_a_new_article_offers_a_contributor_save_and_submit(client, django_user_model):
    signed_in(client, django_user_model, "contributor")
    html = client.get(CHANGELIST + "add/").content.decode()
    labels = [label for _name, _value, label in rows(html)[0]]
    assert labels == ["حفظ المسودة", "إرسال للمراجعة"]


def post(client, article, **fields):
    response = client.post(change_url(article), form_data(article, **fields), follow=True)
    assert response.status_code == 200
    return response


def said(response):
    return [str(message) for message in response.context["messages"]]


def test_each_action_leaves_its_own_message_and_stays_on_the_article(client, django_user_model):
    user = signed_in(client, django_user_model, "editor")
    article = ArticleFactory(author=user, status=Article.Status.DRAFT)
    steps = [
        ({}, "حُفظت المسودة."),
        ({"_workflow": "schedule", **in_future(days=1)}, "جُدولت المقالة للنشر في "),
        ({"_workflow": "publish"}, "نُشرت المقالة."),
        ({}, "حُفظت التغييرات."),
        ({"_workflow": "unpublish"}, "أُلغي نشر المقالة"),
    ]
    for fields, expected in steps:
        response = post(client, reload(article), **fields)
        assert any(message.startswith(expected) for message in said(response)), said(response)
        assert response.redirect_chain[-1][0] == change_url(article)
        assert "إضافة" not in " ".join(said(response))


def test_submitting_says_so_and_trashing_returns_to_the_list(client, django_user_model):
    user = signed_in(client, django_user_model, "contributor")
    article = ArticleFactory(author=user, status=Article.Status.DRAFT)
    assert said(post(client, article, _workflow="submit")) == ["أُرسلت للمراجعة."]
    response = post(client, reload(article), _workflow="trash")
    assert said(response) == ["نُقلت المقالة إلى سلة المهملات."]
    assert response.redirect_chain[-1][0].startswith(CHANGELIST)
    assert "/change/" not in response.redirect_chain[-1][0]
    assert reload(article).status == "trash"


def test_adding_an_article_says_draft_saved_never_added(client, django_user_model):
    signed_in(client, django_user_model, "contributor")
    data = form_data(category=CategoryFactory().pk)
    response = client.post(CHANGELIST + "add/", data, follow=True)
    article = Article.objects.get()
    assert said(response) == ["حُفظت المسودة."]
    assert response.redirect_chain[-1][0] == change_url(article)


def test_the_preview_link_is_built_from_the_address_the_page_was_asked_on(
    client, django_user_model
):
    user = signed_in(client, django_user_model, "editor")
    article = ArticleFactory(author=user, status=Article.Status.DRAFT)
    html = client.get(change_url(article), HTTP_HOST="localhost:8030").content.decode()
    assert 'value="http://localhost:8030/preview/' in html
    assert 'dir="ltr"' in html and "نسخ الرابط" in html
    with override_settings(
        NEWSROOM_SITE_URL="https://news.example.org", NEWSROOM_SITE_URL_IS_SET=True
    ):
        html = client.get(change_url(article), HTTP_HOST="localhost:8030").content.decode()
    assert 'value="https://news.example.org/preview/' in html


def test_a_public_article_has_no_preview_link(client, django_user_model):
    user = signed_in(client, django_user_model, "editor")
    html = client.get(change_url(ArticleFactory(author=user))).content.decode()
    assert "/preview/" not in html


def test_a_read_only_view_renders_the_article_and_hides_the_form_version(client, django_user_model):
    user = signed_in(client, django_user_model, "contributor")
    body = "<p>فقرة <strong>أولى</strong></p><h2>عنوان فرعي</h2>"
    article = ArticleFactory(author=user, body=body, title="مقالة منشورة")
    html = client.get(change_url(article)).content.decode()
    assert '<div class="article-body"><p>فقرة <strong>أولى</strong></p><h2>عنوان فرعي</h2>' in html
    assert "&lt;p&gt;" not in html
    assert "version_seen" not in html and "None" not in html
    assert not rows(html)  # nothing to save: Django's «إغلاق» only
    assert "إغلاق" in html


def test_the_list_shows_statuses_as_labels_with_their_time(client, django_user_model):
    user = signed_in(client, django_user_model, "editor")
    ArticleFactory(author=user, status=Article.Status.DRAFT, title="مسودة في القائمة")
    ArticleFactory(author=user, published_at=timezone.now() + timedelta(days=1))
    html = client.get(CHANGELIST).content.decode()
    assert '<span class="state-label state-draft">مسودة</span>' in html
    assert '<span class="state-label state-scheduled">مجدول</span>' in html
    assert "آخر تعديل" in html
