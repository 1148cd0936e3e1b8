"""The permission matrix: each role × each action, through the admin over HTTP.

Every refusal is also tried as a crafted request (a POST the role's screen never offers), and
the article must come out of it unchanged.
"""

import pytest

from articles.models import Article
from tests.articles.workflow_helpers import (
    CHANGELIST,
    bulk,
    change_url,
    form_data,
    in_future,
    make_user,
    reload,
)
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    # action: roles that may do it (to their own article unless the action says other's)
    "add": {"editor", "author", "contributor"},
    "change own draft": {"editor", "author", "contributor"},
    "change own published": {"editor", "author"},
    "change other's": {"editor"},
    "publish": {"editor", "author"},
    "publish other's": {"editor"},
    "schedule": {"editor", "author"},
    "unpublish": {"editor", "author"},
    "trash": {"editor", "author", "contributor"},
    "trash own published": {"editor", "author"},
    "restore": {"editor", "author", "contributor"},
    "view history": {"editor", "author", "contributor"},
    "restore revision": {"editor", "author", "contributor"},
}


def own(user, **fields):
    return ArticleFactory(author=user, **{"status": Article.Status.DRAFT, **fields})


def do_add(client, user):
    response = client.post(CHANGELIST + "add/", form_data(category=CategoryFactory().pk))
    return response.status_code == 302 and Article.objects.filter(author=user).exists()


def do_change(client, article):
    response = client.post(change_url(article), form_data(article, title="عنوان معدّل"))
    return response.status_code == 302 and reload(article).title == "عنوان معدّل"


def do_workflow(client, article, name, **fields):
    before = reload(article).state
    client.post(change_url(article), form_data(article, _workflow=name, **fields))
    return reload(article).state != before


def do_bulk(client, article, action):
    before = reload(article).state
    bulk(client, action, [article])
    return reload(article).state != before


def do_restore_revision(client, article):
    first = article.history.earliest()
    article.title = "عنوان ثانٍ"
    article.save()
    url = f"{change_url(article).removesuffix('change/')}history/{first.history_id}/"
    response = client.post(url, form_data(reload(article), title=first.title))
    return response.status_code == 302 and reload(article).title == first.title


def attempt(action, client, user, other):
    if action == "add":
        return do_add(client, user)
    if action == "change own draft":
        return do_change(client, own(user))
    if action == "change own published":
        return do_change(client, own(user, status=Article.Status.PUBLISHED))
    if action == "change other's":
        return do_change(client, own(other))
    if action == "publish":
        return do_workflow(client, own(user), "publish")
    if action == "publish other's":
        return do_bulk(client, own(other), "publish")
    if action == "schedule":
        return do_workflow(client, own(user), "schedule", **in_future(hours=2))
    if action == "unpublish":
        return do_bulk(client, own(user, status=Article.Status.PUBLISHED), "unpublish")
    if action == "trash":
        return do_bulk(client, own(user), "trash")
    if action == "trash own published":
        return do_bulk(client, own(user, status=Article.Status.PUBLISHED), "trash")
    if action == "restore":
        article = own(user, status=Article.Status.TRASH, previous_status=Article.Status.DRAFT)
        return do_bulk(client, article, "restore")
    if action == "view history":
        return (
            client.get(change_url(own(user)).removesuffix("change/") + "history/").status_code
            == 200
        )
    if action == "restore revision":
        return do_restore_revision(client, own(user))
    raise AssertionError(action)


@pytest.mark.parametrize("role", ["editor", "author", "contributor", "moderator"])
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(client, django_user_model, role, action):
    user = make_user(django_user_model, role)
    other = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    client.force_login(user)
    assert attempt(action, client, user, other) == (role in ALLOWED[action])


@pytest.mark.parametrize("role", ["contributor", "moderator"])
def test_crafted_publish_posts_are_refused_and_change_nothing(client, django_user_model, role):
    user = make_user(django_user_model, role)
    client.force_login(user)
    article = own(user)
    response = client.post(
        change_url(article), form_data(article, _workflow="publish", title="منشور؟")
    )
    assert response.status_code == 403
    article = reload(article)
    assert (article.status, article.title) == ("draft", article.title)
    assert article.title != "منشور؟"  # the refused save left nothing half-written
    bulk(client, "publish", [article])
    assert reload(article).status == "draft"


def test_a_contributor_adding_with_publish_gets_403_and_nothing_is_saved(client, django_user_model):
    user = make_user(django_user_model, "contributor")
    client.force_login(user)
    response = client.post(
        CHANGELIST + "add/", form_data(category=CategoryFactory().pk, _workflow="publish")
    )
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_an_author_cannot_edit_another_authors_article_by_direct_post(client, django_user_model):
    author = make_user(django_user_model, "author")
    other = make_user(django_user_model, "editor")
    article = ArticleFactory(author=other, title="مقالة المحرر")
    client.force_login(author)
    assert client.get(change_url(article)).status_code == 200  # view only
    assert client.post(change_url(article), form_data(article, title="تعديل")).status_code == 403
    assert reload(article).title == "مقالة المحرر"


def test_the_moderator_cannot_open_articles_at_all(client, django_user_model):
    client.force_login(make_user(django_user_model, "moderator"))
    assert client.get(CHANGELIST).status_code == 403


@pytest.mark.parametrize(
    "role, shown, hidden",
    [
        ("contributor", ["إرسال للمراجعة", "نقل إلى سلة المهملات"], ["نشر الآن", "جدولة النشر"]),
        ("author", ["نشر الآن", "جدولة النشر في الوقت المحدد"], ["إرسال للمراجعة"]),
        ("editor", ["نشر الآن", "جدولة النشر في الوقت المحدد"], ["إرسال للمراجعة"]),
    ],
)
def test_each_role_sees_only_the_buttons_it_may_use(client, django_user_model, role, shown, hidden):
    user = make_user(django_user_model, role)
    client.force_login(user)
    html = client.get(change_url(own(user))).content.decode()
    for label in shown:
        assert label in html
    for label in hidden:
        assert f">{label}</button>" not in html
