"""Byline, featured image with renditions, "last updated" and the correction note."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.images import rendition_name
from tests.articles.workflow_helpers import change_url, form_data, make_user, reload
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg(width=1600, height=1000):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (180, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_uploaded_image_gets_card_and_social_renditions_and_is_shown_with_its_credit(
    client, django_user_model, settings
):
    editor = make_user(django_user_model, "editor")
    client.force_login(editor)
    article = ArticleFactory(author=editor)
    data = form_data(
        article,
        image=jpeg(),
        image_alt="جسر المدينة",
        image_caption="الجسر الجديد",
        image_credit="وكالة الصور",
    )
    assert client.post(change_url(article), data).status_code == 302
    article = reload(article)
    for rendition, size in [("card", (640, 360)), ("social", (1200, 630))]:
        with Image.open(
            settings.MEDIA_ROOT / rendition_name(article.image.name, rendition)
        ) as image:
            assert image.size == size
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        'alt="جسر المدينة"' in html and "الجسر الجديد" in html and "<bdi>وكالة الصور</bdi>" in html
    )
    assert article.card_image_url in html


def test_a_broken_image_is_refused_in_arabic(client, django_user_model):
    editor = make_user(django_user_model, "editor")
    client.force_login(editor)
    article = ArticleFactory(author=editor)
    fake = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(change_url(article), form_data(article, image=fake))
    assert response.status_code == 200
    assert "قم برفع صورة صحيحة" in response.content.decode()
    assert not reload(article).image


def test_byline_correction_and_last_updated_after_an_edit(client, django_user_model):
    editor = make_user(django_user_model, "editor")
    article = ArticleFactory(author=editor, published_at=timezone.now() - timedelta(hours=2))
    client.force_login(editor)
    client.post(
        change_url(article),
        form_data(article, byline="مراسلنا في دمشق", correction="صُحّح اسم المدينة."),
    )
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<bdi>مراسلنا في دمشق</bdi>" in html
    assert "صُحّح اسم المدينة." in html and "تصحيح" in html
    assert "آخر تحديث" in html


def test_no_last_updated_line_for_an_unedited_article(client):
    article = ArticleFactory()
    assert "آخر تحديث" not in client.get(article.get_absolute_url()).content.decode()
