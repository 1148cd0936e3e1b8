"""The public page cache through the real WSGI entry point: fast, shared, never wrong."""

from datetime import timedelta
from urllib.parse import unquote_to_bytes

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from comments.services import moderate_comment
from tests.articles.workflow_helpers import make_user
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory
from tests.wsgi import get

pytestmark = pytest.mark.django_db


def served_from_cache(app, url, cookies=""):
    return get(app, url, cookies)[1].get("X-Page-Cache") == "hit"


@pytest.fixture
def article():
    return ArticleFactory(title="خبر للقراء", tags=[TagFactory()], category=CategoryFactory())


def test_anonymous_readers_get_the_cached_page_with_an_etag(wsgi_app, article):
    first = get(wsgi_app, article.get_absolute_url())
    assert first[1]["X-Page-Cache"] == "miss"
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert (status, headers["X-Page-Cache"], body) == ("200 OK", "hit", first[2])
    assert headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    not_modified = get(wsgi_app, article.get_absolute_url(), HTTP_IF_NONE_MATCH=headers["ETag"])
    assert not_modified[0] == "304 Not Modified"


def test_cached_pages_hold_no_csrf_token_and_set_no_cookie(wsgi_app, article):
    get(wsgi_app, article.get_absolute_url())
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert 'name="csrfmiddlewaretoken" value=""' in body
    assert "Set-Cookie" not in headers


def test_staff_and_commenters_never_read_or_fill_the_shared_cache(wsgi_app, article):
    for cookies in ["sessionid=abc", "messages=x", "comment_author=y"]:
        assert not served_from_cache(wsgi_app, article.get_absolute_url(), cookies)
        assert not served_from_cache(wsgi_app, article.get_absolute_url(), cookies)
    assert not served_from_cache(wsgi_app, article.get_absolute_url())  # nothing was filled


@pytest.mark.parametrize("url", ["/", "SECTION", "TAG", "/feed/", "/sitemaps/articles.xml"])
def test_publishing_editing_and_unpublishing_refresh_every_list(
    wsgi_app, article, url, django_user_model
):
    editor = make_user(django_user_model, "editor")
    url = {
        "SECTION": article.category.get_absolute_url(),
        "TAG": article.tags.first().get_absolute_url(),
    }.get(url, url)
    draft = ArticleFactory(
        title="خبر جديد تماماً",
        category=article.category,
        status=Article.Status.DRAFT,
        tags=list(article.tags.all()),
    )
    get(wsgi_app, url)
    assert "خبر جديد تماماً" not in get(wsgi_app, url)[2] or url.startswith("/sitemaps")
    workflow.publish(draft, by=editor)
    fresh = get(wsgi_app, url)
    assert fresh[1]["X-Page-Cache"] == "miss"
    assert "خبر جديد تماماً" in fresh[2] or draft.slug in unquote_to_bytes(fresh[2]).decode()
    draft.title = "عنوان بعد التعديل"
    draft.save()
    assert "عنوان بعد التعديل" in get(wsgi_app, url)[2] or url.startswith("/sitemaps")
    workflow.unpublish(draft, by=editor)
    assert "عنوان بعد التعديل" not in get(wsgi_app, url)[2]


def test_a_scheduled_article_goes_live_on_cached_pages_at_its_second(
    clock, wsgi_app, django_user_model
):
    editor = make_user(django_user_model, "editor")
    at = timezone.now() + timedelta(minutes=5)
    article = ArticleFactory(title="خبر مجدول للقراء", status=Article.Status.DRAFT)
    workflow.schedule(article, by=editor, at=at)
    get(wsgi_app, "/")
    clock.move_to(at - timedelta(seconds=1))
    assert "خبر مجدول للقراء" not in get(wsgi_app, "/")[2]
    clock.move_to(at)
    assert "خبر مجدول للقراء" in get(wsgi_app, "/")[2]


@pytest.mark.parametrize("action", ["approve", "spam", "trash"])
def test_moderating_a_comment_refreshes_its_article_at_once(
    wsgi_app, article, action, django_user_model
):
    moderator = make_user(django_user_model, "moderator")
    comment = CommentFactory(
        article=article,
        status="pending" if action == "approve" else "approved",
        body="رأي القارئ هنا",
    )
    before = get(wsgi_app, article.get_absolute_url())[2]
    get(wsgi_app, article.get_absolute_url())
    moderate_comment(comment, action=action, by=moderator)
    after = get(wsgi_app, article.get_absolute_url())[2]
    if action == "approve":
        assert "رأي القارئ هنا" not in before and "رأي القارئ هنا" in after
    else:
        assert "رأي القارئ هنا" in before and "رأي القارئ هنا" not in after


def test_the_redis_backend_serves_cached_pages(wsgi_app, article, settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "pagecache-test",
        }
    }
    from django.core.cache import cache

    cache.clear()
    get(wsgi_app, article.get_absolute_url())
    assert served_from_cache(wsgi_app, article.get_absolute_url())
    article.title = "عنوان جديد"
    article.save()
    assert "عنوان جديد" in get(wsgi_app, article.get_absolute_url())[2]
    cache.clear()


def test_a_cache_that_restarts_empty_does_not_bring_back_pages_kept_in_memory(wsgi_app, article):
    from django.core.cache import cache

    get(wsgi_app, article.get_absolute_url())
    assert served_from_cache(wsgi_app, article.get_absolute_url())  # now also in this process
    cache.clear()  # Redis restarted: it keeps nothing on disk, the generation is gone
    # An edit whose bump is lost with it (say, made while Redis was down):
    Article.objects.filter(pk=article.pk).update(title="عنوان بعد عودة الذاكرة")
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert headers["X-Page-Cache"] == "miss"
    assert "عنوان بعد عودة الذاكرة" in body


def test_a_zero_lifetime_turns_the_page_cache_off(wsgi_app, article, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # as under `make demo`
    get(wsgi_app, article.get_absolute_url())
    assert not served_from_cache(wsgi_app, article.get_absolute_url())
