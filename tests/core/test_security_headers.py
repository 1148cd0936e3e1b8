"""Security headers on public pages and in the admin."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_public_pages_forbid_inline_and_foreign_scripts(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"]


def test_public_pages_have_no_inline_scripts(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    for chunk in html.split("<script")[1:]:
        opening = chunk.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening, opening


def test_the_admin_alone_allows_its_editors_inline_scripts(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy and "frame-ancestors 'none'" in policy
