"""Every save keeps a revision; two revisions compare readably; any one can be restored."""

import re

import pytest

from articles.models import Article
from tests.articles.workflow_helpers import change_url, form_data, make_user, reload
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, django_user_model):
    user = make_user(django_user_model, "editor")
    client.force_login(user)
    client.user = user
    return client


def test_each_admin_save_keeps_a_revision_with_who_and_what(desk):
    article = ArticleFactory(author=desk.user, title="العنوان الأول", status=Article.Status.DRAFT)
    desk.post(change_url(article), form_data(article, title="العنوان الثاني"))
    latest = reload(article).history.first()
    assert (latest.title, latest.history_user) == ("العنوان الثاني", desk.user)
    assert reload(article).history.count() == 2
    page = desk.get(change_url(article).removesuffix("change/") + "history/").content.decode()
    assert "العنوان الثاني" in page or "editor" in page


def test_two_revisions_compare_title_status_and_body_text(desk):
    article = ArticleFactory(
        author=desk.user,
        title="قبل",
        body="<p>فقرة باقية</p><p>فقرة محذوفة</p>",
        status=Article.Status.DRAFT,
    )
    desk.post(
        change_url(article),
        form_data(
            article, title="بعد", body="<p>فقرة باقية</p><p>فقرة جديدة</p>", _workflow="publish"
        ),
    )
    history = list(reload(article).history.all())
    older, newer = history[-1], history[0]
    url = (
        change_url(article).removesuffix("change/")
        + f"compare/?a={older.history_id}&b={newer.history_id}"
    )
    html = desk.get(url).content.decode()
    removed, added = marked(html, "del"), marked(html, "ins")
    assert {"قبل", "مسودة"} <= set(removed) and {"بعد", "منشور"} <= set(added)
    assert "فقرة باقية" in html
    assert "محذوفة" in removed and "جديدة" in added  # word by word inside the paragraph


def marked(html, tag):
    """The texts marked removed (del) or added (ins), without their screen-reader labels."""
    inner = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
    return [re.sub(r'<span class="visually-hidden">[^<]*</span>|<[^>]+>', "", x) for x in inner]


def test_restoring_a_revision_saves_it_as_a_new_one_and_keeps_the_status(desk):
    article = ArticleFactory(author=desk.user, title="الأصل", status=Article.Status.PUBLISHED)
    first = article.history.earliest()
    desk.post(change_url(article), form_data(article, title="تعديل خاطئ"))
    article = reload(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    url = change_url(article).removesuffix("change/") + f"history/{first.history_id}/"
    form = desk.get(url).content.decode()
    assert 'value="الأصل"' in form
    desk.post(url, form_data(reload(article), title="الأصل"))
    restored = reload(article)
    assert restored.title == "الأصل"
    assert restored.status == "draft"  # a revision restores content, never the workflow state
    assert restored.history.count() == 3


def test_a_second_editor_cannot_silently_overwrite_the_first(client, django_user_model):
    first = make_user(django_user_model, "editor")
    second = django_user_model.objects.create_user(
        "second", password="pw", is_staff=True, is_superuser=True
    )
    article = ArticleFactory(author=first, title="الأصل")
    opened_by_both = form_data(article)
    client.force_login(first)
    assert (
        client.post(change_url(article), {**opened_by_both, "title": "تعديل الأول"}).status_code
        == 302
    )
    client.force_login(second)
    response = client.post(change_url(article), {**opened_by_both, "title": "تعديل الثاني"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "حفظ شخص آخر هذه المقالة بعد أن فتحتها" in html
    assert f'href="{change_url(article)}"' in html
    assert 'value="تعديل الثاني"' in html  # the second editor's text is still in the form
    assert reload(article).title == "تعديل الأول"
