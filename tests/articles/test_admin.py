"""Editors work in the Arabic admin; bad input is cleaned or refused, never a 500."""

import pytest

from articles.models import Article, SiteSettings
from tests.articles.workflow_helpers import form_data
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def article_form(**fields):
    defaults = {
        "title": "افتتاح مكتبة جديدة في المدينة",
        "category": CategoryFactory().pk,
        "body": "<p>افتتحت البلدية مكتبة جديدة.</p>",
        "_workflow": "publish",
    }
    return form_data(**{**defaults, **fields})


def test_an_editor_creates_an_article_and_readers_see_it(desk, editor, client):
    story = ArticleFactory(title="قصة موصى بها")
    source = SourceFactory()
    response = desk.post(
        ADD_URL,
        article_form(
            source=source.pk,
            original_url="https://example.org/item/1",
            **{
                "recommendations-TOTAL_FORMS": "1",
                "recommendations-0-story": story.pk,
                "recommendations-0-position": "1",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="افتتاح مكتبة جديدة في المدينة")
    assert article.author == editor and article.slug == "افتتاح-مكتبة-جديدة-في-المدينة"
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "افتتحت البلدية مكتبة جديدة." in html and "قصة موصى بها" in html
    assert "مصدر الخبر" in html


def test_hostile_body_is_saved_safe(desk):
    body = (
        "<p>نص</p><script>alert(1)</script><iframe src='https://evil.example/'></iframe>"
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">رابط</a>'
    )
    response = desk.post(ADD_URL, article_form(body=body))
    assert response.status_code == 302
    assert Article.objects.get().body == '<p>نص</p><img src="x"><a>رابط</a>'


@pytest.mark.parametrize("field", ["title", "body"])
def test_nul_bytes_are_refused_with_an_arabic_message(desk, field):
    data = article_form()
    data[field] = data[field] + "\x00"
    response = desk.post(ADD_URL, data)
    assert response.status_code == 200
    assert "الأحرف الخالية غير مسموح بها." in response.content.decode()
    assert not Article.objects.exists()


def test_a_megabyte_of_text_is_refused_with_an_arabic_message_and_kept_in_the_form(desk):
    body = "<p>" + "ا" * 1_000_000 + "</p>"
    response = desk.post(ADD_URL, article_form(body=body))
    assert response.status_code == 200
    html = response.content.decode()
    assert "تأكد أن هذه القيمة تحتوي على" in html
    assert "ا" * 1000 in html  # what the editor typed is still in the form
    assert not Article.objects.exists()


def test_bidi_overrides_and_line_breaks_are_removed_from_titles(desk):
    response = desk.post(ADD_URL, article_form(title="عنوان\u202e معكوس\nثم سطر"))
    assert response.status_code == 302
    assert Article.objects.get().title == "عنوان معكوس ثم سطر"


def test_an_empty_title_is_refused_in_arabic(desk):
    response = desk.post(ADD_URL, article_form(title=" \n "))
    assert response.status_code == 200
    assert "هذا الحقل مطلوب." in response.content.decode()


def test_the_article_list_filters_searches_and_is_arabic(desk):
    ArticleFactory(title="خبر عن الاقتصاد")
    ArticleFactory(title="خبر عن الرياضة", status=Article.Status.DRAFT)
    response = desk.get("/admin/articles/article/", {"q": "الاقتصاد"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar" dir="rtl"' in html
    assert "خبر عن الاقتصاد" in html and "خبر عن الرياضة" not in html
    drafts = desk.get("/admin/articles/article/", {"status__exact": "draft"}).content.decode()
    assert "خبر عن الرياضة" in drafts and "خبر عن الاقتصاد" not in drafts


def test_attribution_wording_with_an_unknown_placeholder_is_refused(desk):
    SiteSettings.current()
    response = desk.post(
        "/admin/articles/sitesettings/1/change/",
        {
            "site_name": "موقعنا",
            "lead_in_template": "{site} {oops}",
            "disclaimer_template": "{title}",
        },
    )
    assert response.status_code == 200
    assert "عنصر نائب غير معروف: {oops}" in response.content.decode()
    assert SiteSettings.current().site_name != "موقعنا"
