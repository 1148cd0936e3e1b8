"""With Redis unreachable the site keeps serving from the database, and fills the cache again
when Redis is back."""

from urllib.parse import quote

import pytest
from django.core.cache import caches

from tests.factories import ArticleFactory, CommentFactory
from tests.wsgi import get

pytestmark = pytest.mark.django_db

DOWN = {"default": {"BACKEND": "core.cache.ResilientRedisCache",
                    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
                    "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}}}  # fmt: skip


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DOWN  # Django's test signals rebuild the cache handler
    assert caches["default"].get("anything", "miss") == "miss"


def test_pages_are_served_while_redis_is_down(wsgi_app, redis_down):
    article = ArticleFactory(title="خبر والخادم معطل")
    CommentFactory(article=article, body="تعليق ظاهر")
    for url in ["/", article.get_absolute_url(), "/feed/", "/search/?q=" + quote("خبر")]:
        status, headers, body = get(wsgi_app, url)
        assert status == "200 OK", url
    # Without Redis no process can know what is fresh, so none serves a page from memory.
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert headers.get("X-Page-Cache") != "hit"
    assert "تعليق ظاهر" in body


def test_writes_work_while_redis_is_down(client, redis_down, django_user_model):
    from comments.services import moderate_comment

    comment = CommentFactory(status="pending", body="بانتظار")
    moderator = django_user_model.objects.create_user("m", is_staff=True, is_superuser=True)
    moderate_comment(comment, action="approve", by=moderator)
    assert "بانتظار" in client.get(comment.article.get_absolute_url()).content.decode()
