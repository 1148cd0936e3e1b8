"""Malformed requests against every kind of public URL: never a 500, never a half-saved row."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db

ODD = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["\x00", "%00", "%ff%fe", "\u202e", "../../etc/passwd", "' OR 1=1 --",
                     "<script>alert(1)</script>", "٠١٢", "ـــ", "%", "%%", "a" * 3000]),
)  # fmt: skip


@pytest.fixture
def site(db):
    section = CategoryFactory(slug="أخبار")
    tag = TagFactory(slug="وسم")
    article = ArticleFactory(category=section, tags=[tag])
    return article


def paths(article, value):
    token = quote(value, safe="")
    return [
        f"/articles/{token}/",
        f"/sections/{token}/",
        f"/tags/{token}/",
        f"/sections/{token}/feed/",
        f"/search/?q={token}",
        f"/search/?q=x&page={token}",
        f"/sections/{quote(article.category.slug)}/?page={token}",
        f"{article.get_absolute_url()}?comments-page={token}&replytocom={token}",
        f"/preview/{token}/",
        f"/archive/2026/{token}/",
    ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=ODD)
def test_odd_paths_and_query_strings_never_fail(client, site, value):
    for path in paths(site, value):
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)


def test_invalid_utf8_and_nul_in_raw_paths_never_fail(site):
    client = Client()
    for raw in ["/articles/%ff%fe/", "/search/?q=%ff", "/search/?q=%00", "/sections/%c0%af/",
                "/articles/%E2%80%AE/"]:  # fmt: skip
        assert client.get(raw).status_code < 500, raw


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_wrong_methods_are_refused_cleanly(client, site, method):
    for path in ["/", site.get_absolute_url(), f"/comments/post/{site.pk}/", "/search/?q=x"]:
        response = getattr(client, method)(path)
        assert response.status_code < 500, (method, path, response.status_code)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fields=st.dictionaries(
    st.sampled_from(["name", "email", "url", "body", "parent", "issued", "address", "remember"]),
    ODD, max_size=8,
))  # fmt: skip
def test_garbage_comment_posts_never_fail_and_never_save(client, site, fields):
    before = Comment.objects.count()
    response = client.post(f"/comments/post/{site.pk}/", fields)
    assert response.status_code < 500
    # Without a valid signed timestamp nothing can be accepted.
    assert Comment.objects.count() == before


def test_broken_multipart_and_huge_bodies_never_fail(site):
    client = Client()
    url = f"/comments/post/{site.pk}/"
    broken = client.generic(
        "POST",
        url,
        b'--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nnot closed',
        content_type="multipart/form-data; boundary=x",
    )
    assert broken.status_code < 500
    huge = client.generic(
        "POST",
        url,
        b"body=" + b"a" * (5 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert huge.status_code == 400
    assert Article.objects.count() == 1 and not Comment.objects.exists()
