"""Signed preview links and old addresses of published articles."""

from datetime import timedelta

import pytest
from django.core import signing

from articles import preview
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_preview_link_shows_the_draft_to_someone_without_an_account(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="مسودة للمعاينة")
    response = client.get(preview.preview_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "مسودة للمعاينة" in html and "معاينة" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "اترك تعليقاً" not in html


def test_a_preview_link_expires_after_48_hours(clock, client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    url = preview.preview_url(draft)
    clock.shift(timedelta(hours=48))
    assert client.get(url).status_code == 200
    clock.shift(1)
    response = client.get(url)
    assert response.status_code == 410
    assert "انتهت صلاحية رابط المعاينة" in response.content.decode()


def test_a_preview_link_cannot_be_forged_or_turned_to_another_draft(client):
    mine = ArticleFactory(status=Article.Status.DRAFT, title="مسودتي")
    secret = ArticleFactory(status=Article.Status.DRAFT, title="مسودة سرية")
    url = preview.preview_url(mine)
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps(secret.pk, salt="another-salt")
    # The same signature on a payload naming the other draft.
    payload, rest = token.split(":", 1)
    tampered = signing.b64_encode(str(secret.pk).encode()).decode() + ":" + rest
    assert tampered != token
    for bad in [forged, tampered, "abc", str(secret.pk)]:
        response = client.get(f"/preview/{bad}/")
        assert response.status_code == 410
        assert "مسودة سرية" not in response.content.decode()
    page = client.get(url).content.decode()
    assert "مسودة سرية" not in page


def test_a_changed_slug_of_a_published_article_keeps_the_old_address_with_301(client):
    article = ArticleFactory(title="عنوان أول")
    old = article.get_absolute_url()
    article.slug = "عنوان-جديد"
    article.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_a_draft_changing_its_slug_leaves_no_redirect(client):
    article = ArticleFactory(title="مسودة", status=Article.Status.DRAFT)
    old = article.get_absolute_url()
    article.slug = "مسودة-جديدة"
    article.save()
    assert client.get(old).status_code == 404


def test_a_new_article_does_not_take_an_old_address(client):
    article = ArticleFactory(title="عنوان أول")
    article.slug = "عنوان-جديد"
    article.save()
    newcomer = ArticleFactory(title="عنوان أول")
    assert newcomer.slug == "عنوان-أول-2"
