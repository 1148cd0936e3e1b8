"""The editor's autosave keeps a writer's text, never the article, and never over a newer save."""

import json
import re

import pytest

from articles.models import BODY_MAX_LENGTH, Article, Autosave
from tests.articles.workflow_helpers import change_url, form_data, make_user, reload
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
NEW_AUTOSAVE_URL = "/admin/articles/article/add/autosave/"
TYPED = "<p>فقرة كتبها المحرر ولم يحفظها بعد.</p>"
SAVED_AT = "حُفظت تلقائياً الساعة 12:00"  # tests.clock.NOW in Riyadh
OFFER = "توجد نسخة محفوظة تلقائياً من هذه المقالة"
STALE = "لديك نص من"


def autosave_url(article):
    return f"/admin/articles/article/{article.pk}/autosave/"


def typed(article=None, **fields):
    """What the editor's script sends after typing stops."""
    data = {
        "title": article.title if article else "",
        "excerpt": article.excerpt if article else "",
        "body": article.body if article else "",
        "version_seen": article.version if article else "",
    }
    return {**data, **fields}


def offered_text(html):
    """The text the notice's «restore» button puts back into the form."""
    found = re.search(r'<script id="autosave-text" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else None


@pytest.fixture
def article(editor):
    return ArticleFactory(title="عنوان محفوظ", author=editor, status=Article.Status.DRAFT)


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_typing_is_kept_for_the_writer_without_touching_the_article(desk, editor, article, clock):
    before = (article.title, article.body, article.version, article.history.count())
    response = desk.post(autosave_url(article), typed(article, title="عنوان جديد", body=TYPED))
    assert response.status_code == 200
    assert response.json() == {"kept": True, "message": SAVED_AT}
    kept = Autosave.objects.get(article=article, user=editor)
    assert (kept.title, kept.body, kept.based_on_version) == ("عنوان جديد", TYPED, article.version)
    again = reload(article)
    assert (again.title, again.body, again.version, again.history.count()) == before


def test_reopening_the_article_offers_the_autosave_with_its_text(desk, article, clock):
    desk.post(autosave_url(article), typed(article, body=TYPED))
    html = desk.get(change_url(article)).content.decode()
    assert OFFER in html and "استعادة النسخة المحفوظة تلقائياً" in html
    assert offered_text(html) == {"title": article.title, "excerpt": "", "body": TYPED}


def test_text_back_to_the_saved_version_leaves_nothing_to_offer(desk, editor, article):
    desk.post(autosave_url(article), typed(article, body=TYPED))
    response = desk.post(autosave_url(article), typed(article))
    assert response.json() == {"kept": False, "message": ""}
    assert not Autosave.objects.exists()
    assert OFFER not in desk.get(change_url(article)).content.decode()


def test_the_same_excerpt_with_other_line_breaks_is_nothing_to_keep(desk, article):
    article.excerpt = "سطر أول\r\nسطر ثان"  # as a form posts it
    article.save()
    response = desk.post(autosave_url(article), typed(article, excerpt="سطر أول\nسطر ثان"))
    assert response.json()["kept"] is False and not Autosave.objects.exists()


def test_an_autosave_typed_on_an_older_version_is_refused_and_says_why(desk, article):
    seen = article.version
    article.title = "عنوان حفظه زميل"
    article.save()  # someone else saved after the page was opened
    response = desk.post(autosave_url(article), typed(article, body=TYPED, version_seen=seen))
    assert response.status_code == 409
    assert response.json()["message"].startswith("حفظ شخص آخر هذه المقالة بعد أن فتحتَها")
    assert not Autosave.objects.exists()
    assert reload(article).title == "عنوان حفظه زميل"


def test_an_autosave_overtaken_by_another_save_is_shown_never_put_back(
    desk, django_user_model, article
):
    desk.post(autosave_url(article), typed(article, body=TYPED))
    colleague = django_user_model.objects.create_superuser("colleague", "c@example.com", "pw")
    desk.force_login(colleague)
    desk.post(change_url(article), form_data(article, title="نسخة الزميل"))
    assert reload(article).title == "نسخة الزميل"

    desk.force_login(article.author)
    html = desk.get(change_url(article)).content.decode()
    assert STALE in html and "فقرة كتبها المحرر ولم يحفظها بعد." in html
    assert OFFER not in html and offered_text(html) is None


def test_saving_the_article_discards_the_savers_autosave_and_no_one_elses(
    desk, editor, django_user_model, article
):
    colleague = django_user_model.objects.create_superuser("colleague", "c@example.com", "pw")
    desk.force_login(colleague)
    desk.post(autosave_url(article), typed(article, body="<p>نص الزميل</p>"))
    desk.force_login(editor)
    desk.post(autosave_url(article), typed(article, body=TYPED))

    response = desk.post(change_url(article), form_data(article, body=TYPED))
    assert response.status_code == 302
    assert reload(article).body == TYPED
    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["colleague"]


def test_a_new_article_is_kept_before_its_first_save_and_offered_again(desk, editor, clock):
    response = desk.post(NEW_AUTOSAVE_URL, typed(title="مسودة لم تُحفظ", body=TYPED))
    assert response.json() == {"kept": True, "message": SAVED_AT}
    assert not Article.objects.exists()  # no article is made behind the writer's back
    html = desk.get(ADD_URL).content.decode()
    assert "لمقالة جديدة بدأتها ولم تحفظها" in html
    assert offered_text(html) == {"title": "مسودة لم تُحفظ", "excerpt": "", "body": TYPED}

    data = form_data(title="مسودة لم تُحفظ", body=TYPED, category=CategoryFactory().pk)
    assert desk.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().title == "مسودة لم تُحفظ"
    assert not Autosave.objects.exists()


def test_an_empty_new_article_is_not_kept(desk):
    response = desk.post(NEW_AUTOSAVE_URL, typed(body="<p></p>"))
    assert response.json() == {"kept": False, "message": ""}
    assert not Autosave.objects.exists()


def test_the_kept_body_is_cleaned_on_the_way_in(desk, editor, article):
    hostile = '<p>نص</p><script>alert(1)</script><img src="x" onerror="alert(1)">'
    desk.post(autosave_url(article), typed(article, body=hostile))
    assert Autosave.objects.get().body == '<p>نص</p><img src="x">'


def test_a_body_too_long_is_refused_with_an_arabic_message(desk, article):
    body = "<p>" + "ا" * BODY_MAX_LENGTH + "</p>"
    response = desk.post(autosave_url(article), typed(article, body=body))
    assert response.status_code == 400
    assert "تأكد أن هذه القيمة تحتوي على" in response.json()["message"]
    assert not Autosave.objects.exists()


def test_only_those_who_may_change_the_article_may_autosave_it(client, django_user_model, article):
    contributor = make_user(django_user_model, "contributor")
    client.force_login(contributor)
    response = client.post(autosave_url(article), typed(article, body=TYPED))
    assert response.status_code == 403
    assert response.json()["message"] == "لا يحق لك القيام بهذا على هذه المقالة."
    assert not Autosave.objects.exists()


def test_a_contributor_autosaves_their_own_draft(client, django_user_model):
    contributor = make_user(django_user_model, "contributor")
    own = ArticleFactory(author=contributor, status=Article.Status.DRAFT)
    client.force_login(contributor)
    assert client.post(autosave_url(own), typed(own, body=TYPED)).json()["kept"] is True


def test_signed_out_and_wrong_method_are_refused(client, article, editor):
    response = client.post(autosave_url(article), typed(article, body=TYPED))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(editor)
    assert client.get(autosave_url(article)).status_code == 405
    assert client.post("/admin/articles/article/999999/autosave/", typed()).status_code == 404
    assert not Autosave.objects.exists()
