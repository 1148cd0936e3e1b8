"""The public page cache through the real WSGI entry point: fast, shared, never wrong.

Invalidations take effect at once (and again at the commit, which these tests do not reach:
tests/core/test_purge.py and tests/hardening/test_varnish.py commit for real).
"""

from datetime import timedelta
from urllib.parse import unquote_to_bytes

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import workflow
from articles.models import Article, Category, SiteSettings, Tag
from comments.models import DiscussionSettings
from comments.services import moderate_comment
from core import pagecache
from tests.articles.workflow_helpers import make_user
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory
from tests.wsgi import get

pytestmark = pytest.mark.django_db


def someone_redraws(url):
    """Hold the right to redraw `url`, as a request drawing it at this moment would."""
    path = unquote_to_bytes(url).decode("latin-1")
    key = pagecache.page_key({"HTTP_HOST": "testserver", "PATH_INFO": path})
    assert pagecache.claim(key)


def how_served(app, url, cookies=""):
    return get(app, url, cookies)[1].get("X-Page-Cache")


@pytest.fixture
def article():
    return ArticleFactory(title="خبر للقراء", tags=[TagFactory()], category=CategoryFactory())


def test_anonymous_readers_get_the_cached_page_with_an_etag_and_its_tags(wsgi_app, article):
    first = get(wsgi_app, article.get_absolute_url())
    assert first[1]["X-Page-Cache"] == "miss"
    assert first[1]["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=600"
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert (status, headers["X-Page-Cache"], body) == ("200 OK", "hit", first[2])
    # A shared cache in front keeps a copy for what is left of its life.
    left = int(headers["Cache-Control"].rsplit("s-maxage=", 1)[1])
    assert 590 <= left <= 600
    tags = headers["xkey"].split()
    assert {f"a:{article.pk}", f"s:{article.category_id}", "settings", "menu"} <= set(tags)
    not_modified = get(wsgi_app, article.get_absolute_url(), HTTP_IF_NONE_MATCH=headers["ETag"])
    assert not_modified[0] == "304 Not Modified"


def test_cached_pages_hold_no_csrf_token_and_set_no_cookie(wsgi_app, article):
    get(wsgi_app, article.get_absolute_url())
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert 'name="csrfmiddlewaretoken" value=""' in body
    assert "Set-Cookie" not in headers


def test_staff_and_commenters_never_read_or_fill_the_shared_cache(wsgi_app, article):
    for cookies in ["sessionid=abc", "messages=x", "comment_author=y", "comment_held=z"]:
        assert how_served(wsgi_app, article.get_absolute_url(), cookies) is None
        assert how_served(wsgi_app, article.get_absolute_url(), cookies) is None
    assert how_served(wsgi_app, article.get_absolute_url()) == "miss"  # nothing was filled


def test_tracking_parameters_share_the_pages_one_entry(wsgi_app, article):
    url = article.get_absolute_url()
    get(wsgi_app, url)
    for shared in ["?fbclid=IwAR0abc", "?fbclid=IwAR1xyz", "?utm_source=whatsapp", "?x=123"]:
        assert how_served(wsgi_app, url + shared) == "hit", shared
    assert how_served(wsgi_app, url + "?comments-page=2") == "miss"  # a parameter it reads


# The invalidation table: for each kind of change, the pages that must be redrawn. Every
# other page must still be answered from the cache.
PAGES = ["home", "article", "neighbour", "elsewhere", "section", "other section", "tag",
         "author", "archive", "search", "feed", "sitemap"]  # fmt: skip
LISTS_OF_ARTICLE = {"home", "section", "tag", "author", "archive", "search", "feed", "sitemap"}


@pytest.fixture
def newsroom(wsgi_app, django_user_model):
    """An article with a tag and an author, a neighbour in its section, and an article
    elsewhere that recommends it; the addresses of every page that shows them."""
    editor = make_user(django_user_model, "editor")
    section, other = CategoryFactory(), CategoryFactory()
    label = TagFactory()
    article = ArticleFactory(title="الخبر الأول", category=section, tags=[label], author=editor)
    neighbour = ArticleFactory(title="خبر جار", category=section)
    elsewhere = ArticleFactory(title="خبر بعيد", category=other)
    elsewhere.recommendations.create(story=ArticleFactory(title="قصة أخرى", category=other))
    urls = {
        "home": "/",
        "article": article.get_absolute_url(),
        "neighbour": neighbour.get_absolute_url(),
        "elsewhere": elsewhere.get_absolute_url(),
        "section": section.get_absolute_url(),
        "other section": other.get_absolute_url(),
        "tag": label.get_absolute_url(),
        "author": f"/authors/{editor.pk}/",
        "archive": f"/archive/{article.published_at.year}/",
        "search": "/search/?q=%D8%AE%D8%A8%D8%B1",
        "feed": "/feed/",
        "sitemap": "/sitemaps/articles.xml",
    }
    editor.first_name = "محرر"
    editor.save()
    return {"editor": editor, "article": article, "urls": urls, "label": label}


def redrawn(app, urls):
    """The pages answered by drawing them again (the others came from the cache)."""
    for url in urls.values():
        get(app, url)  # fill
        assert how_served(app, url) == "hit", url
    return lambda: {name for name, url in urls.items() if how_served(app, url) != "hit"}


def held_comment(world):
    CommentFactory(article=world["article"], status="pending", body="رأي بانتظار المراجعة")


def approve_comment(world):
    comment = CommentFactory(article=world["article"], status="pending", body="رأي مقبول")
    moderate_comment(comment, action="approve", by=world["editor"])


def draft_saved(world):
    ArticleFactory(status=Article.Status.DRAFT, category=world["article"].category).save()


def pending_saved(world):
    draft = ArticleFactory(status=Article.Status.DRAFT, category=world["article"].category)
    workflow.submit_for_review(draft, by=world["editor"])


def scheduled_edited(world):
    later = timezone.now() + timedelta(days=1)
    ArticleFactory(published_at=later, category=world["article"].category, title="لاحقاً").save()


def published(world):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, category=world["article"].category, tags=[world["label"]]
    )
    workflow.publish(draft, by=world["editor"])


def edited(world):
    article = world["article"]
    article.title = "الخبر الأول بعد التعديل"
    article.save()


def unpublished(world):
    workflow.unpublish(world["article"], by=world["editor"])


def trashed(world):
    workflow.trash(world["article"], by=world["editor"])


def settings_changed(world):
    site = SiteSettings.current()
    site.site_name = "غرفة أخبار أخرى"
    site.save()


def section_renamed(world):
    Category.objects.get(pk=world["article"].category_id).save()


def tag_renamed(world):
    Tag.objects.get(pk=world["label"].pk).save()


def discussion_changed(world):
    rules = DiscussionSettings.current()
    rules.per_page = 20
    rules.save()


EVERY_PAGE = set(PAGES)
ARTICLE_PAGES = {"article", "neighbour", "elsewhere"}
CASES = [
    (held_comment, set()),
    (draft_saved, set()),
    (pending_saved, set()),
    (scheduled_edited, set()),
    (approve_comment, {"article", "home"}),
    (published, (LISTS_OF_ARTICLE | {"article", "neighbour"}) - {"author"}),
    (edited, LISTS_OF_ARTICLE | {"article", "neighbour"}),
    (unpublished, LISTS_OF_ARTICLE | {"article", "neighbour"}),
    (trashed, LISTS_OF_ARTICLE | {"article", "neighbour"}),
    (settings_changed, EVERY_PAGE),
    (section_renamed, EVERY_PAGE),
    (tag_renamed, {"tag", "article", "feed", "sitemap"}),
    (discussion_changed, ARTICLE_PAGES),
]


@pytest.mark.parametrize(("change", "expected"), CASES, ids=[c.__name__ for c, _e in CASES])
def test_a_change_redraws_exactly_the_pages_that_show_it(wsgi_app, newsroom, change, expected):
    pages_redrawn = redrawn(wsgi_app, newsroom["urls"])
    change(newsroom)
    assert pages_redrawn() == expected


def test_removing_an_approved_comment_redraws_its_article_and_the_counts(wsgi_app, newsroom):
    comment = CommentFactory(article=newsroom["article"], status="approved", body="رأي منشور")
    pages_redrawn = redrawn(wsgi_app, newsroom["urls"])
    moderate_comment(comment, action="trash", by=newsroom["editor"])
    assert pages_redrawn() == {"article", "home"}
    assert "رأي منشور" not in get(wsgi_app, newsroom["urls"]["article"])[2]


def test_what_changes_is_shown_at_once(wsgi_app, article, django_user_model):
    editor = make_user(django_user_model, "editor")
    draft = ArticleFactory(title="خبر جديد تماماً", category=article.category, tags=[])
    draft.status = Article.Status.DRAFT
    draft.save()
    url = article.category.get_absolute_url()
    assert "خبر جديد تماماً" not in get(wsgi_app, url)[2]
    workflow.publish(draft, by=editor)
    assert "خبر جديد تماماً" in get(wsgi_app, url)[2]
    workflow.unpublish(draft, by=editor)
    assert "خبر جديد تماماً" not in get(wsgi_app, url)[2]
    assert get(wsgi_app, draft.get_absolute_url())[0].startswith("404")


def test_while_one_reader_redraws_a_page_the_others_get_the_previous_copy(clock, wsgi_app, article):
    url = article.get_absolute_url()
    get(wsgi_app, url)
    article.title = "عنوان جديد"
    article.save()
    someone_redraws(url)
    status, headers, body = get(wsgi_app, url)  # someone else is drawing it
    assert (headers["X-Page-Cache"], "خبر للقراء" in body) == ("stale", True)
    assert headers["Cache-Control"].endswith("s-maxage=1")  # Varnish keeps it a second
    clock.shift(pagecache.GRACE_SECONDS + 1)  # past the grace, nobody gets the old copy
    assert "عنوان جديد" in get(wsgi_app, url)[2]


def test_a_takedown_is_never_served_again_even_while_redrawn(wsgi_app, article, django_user_model):
    editor = make_user(django_user_model, "editor")
    url = article.get_absolute_url()
    get(wsgi_app, url)
    someone_redraws(url)
    workflow.unpublish(article, by=editor)
    assert get(wsgi_app, url)[0].startswith("404")


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
    cache.clear()
    get(wsgi_app, article.get_absolute_url())
    assert how_served(wsgi_app, article.get_absolute_url()) == "hit"
    article.title = "عنوان جديد"
    article.save()
    assert "عنوان جديد" in get(wsgi_app, article.get_absolute_url())[2]
    cache.clear()


def test_a_cache_that_restarts_empty_does_not_bring_back_pages_kept_in_memory(wsgi_app, article):
    get(wsgi_app, article.get_absolute_url())
    assert how_served(wsgi_app, article.get_absolute_url()) == "hit"  # also in this process now
    cache.clear()  # Redis restarted: it keeps nothing on disk, the versions are gone
    # An edit whose invalidation is lost with it (say, made while Redis was down):
    Article.objects.filter(pk=article.pk).update(title="عنوان بعد عودة الذاكرة")
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert headers["X-Page-Cache"] == "miss"
    assert "عنوان بعد عودة الذاكرة" in body


def test_a_zero_lifetime_turns_the_page_cache_off(wsgi_app, article, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # as under `make demo`
    get(wsgi_app, article.get_absolute_url())
    assert how_served(wsgi_app, article.get_absolute_url()) is None


def test_a_page_drawn_while_something_changed_is_neither_kept_nor_shared(
    wsgi_app, article, monkeypatch
):
    """Another request's change lands while this page is drawn: its data may be older."""
    from articles import selectors, views
    from core import cachetags

    def drawn_during_a_change(*args, **kwargs):
        context = selectors.article_page(*args, **kwargs)
        cachetags.invalidate("s:0")  # an unrelated edit, committed meanwhile
        return context

    monkeypatch.setattr(views, "article_page", drawn_during_a_change)
    status, headers, body = get(wsgi_app, article.get_absolute_url())
    assert headers["Cache-Control"].endswith("s-maxage=0")
    assert how_served(wsgi_app, article.get_absolute_url()) == "miss"
