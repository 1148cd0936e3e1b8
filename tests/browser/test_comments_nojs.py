"""Readers whose browser runs no JavaScript, on article pages served from the page cache:
they comment, get their text back when a comment is refused, and report comments."""

import urllib.request

import pytest
from django.utils import timezone

from articles.models import SiteSettings
from comments.forms import MAX_SECONDS, MIN_SECONDS
from comments.models import Comment, CommentReport, DiscussionSettings
from comments.services import FLOOD_SECONDS, moderate_comment
from core.pagecache import PageCache
from tests.browser.conftest import PHONE
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "الجسر الجديد سيختصر طريقي إلى العمل نصف ساعة."


@pytest.fixture
def site(live_server, time_machine):
    """The live server with the page cache in front, as newsroom/wsgi.py serves the site.

    The server runs in this process, so its clock stops too; Chromium keeps the real time
    (which its cookies' expiry dates are read against: hence now, not a fixed date).
    """
    time_machine.move_to(timezone.now(), tick=False)
    # Made on first use, which bumps the cache's generation: made before any page is kept.
    SiteSettings.current()
    DiscussionSettings.current()
    server = live_server.thread.httpd
    app = server.get_app()
    server.set_app(PageCache(app))
    yield live_server.url
    server.set_app(app)


@pytest.fixture
def reader(browser):
    """Open a page in a new browser without JavaScript (a new reader each time)."""
    contexts = []

    def new_reader():
        context = browser.new_context(viewport=PHONE, locale="ar", java_script_enabled=False)
        contexts.append(context)
        return context.new_page()

    yield new_reader
    for context in contexts:
        context.close()


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


def from_the_cache(page, url):
    """Open `url` after another reader did: the page comes from the page cache."""
    urllib.request.urlopen(url).read()
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    return response


def write(page, text, email="reem@example.com"):
    page.get_by_label("التعليق").fill(text)
    page.get_by_label("الاسم").fill("ريم")
    page.get_by_label("البريد الإلكتروني").fill(email)


def send(page):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="إرسال التعليق").click()
    return navigation.value


def test_a_reader_without_javascript_comments_on_a_cached_page_and_it_is_approved(
    site, reader, article, editor, time_machine, artifacts_dir
):
    url = site + article.get_absolute_url()
    page = reader()
    from_the_cache(page, url)
    assert page.locator("noscript").count() == 0
    write(page, TEXT)
    time_machine.shift(MIN_SECONDS)  # a person takes longer than a bot
    assert send(page).status == 200  # after the redirect to the article

    assert page.locator(".alert").first.inner_text() == "شكراً لك: تعليقك بانتظار المراجعة."
    held = page.locator(".comment-held")
    assert held.locator(".comment-awaiting").inner_text() == "تعليقك بانتظار المراجعة"
    assert held.locator(".comment-body").inner_text() == TEXT
    assert page.locator("#comments-title").inner_text() == "تعليق واحد"
    assert "reem@example.com" not in page.content()
    held.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "comment-held-nojs-phone.png")

    comment = Comment.objects.get(body=TEXT)
    moderate_comment(comment, action="approve", by=editor)
    someone = reader()
    assert someone.goto(url).headers["x-page-cache"] == "miss"  # redrawn after the approval
    public = someone.locator(f"#comment-{comment.pk}")
    assert public.locator(".comment-body").inner_text() == TEXT
    assert public.locator(".comment-awaiting").count() == 0
    assert someone.locator("#comments-title").inner_text() == "تعليق واحد"
    assert someone.goto(url).headers["x-page-cache"] == "hit"


def test_refused_comments_come_back_with_their_text_and_one_click_sends_them(
    site, reader, article, time_machine, artifacts_dir
):
    page = reader()
    from_the_cache(page, site + article.get_absolute_url())
    write(page, TEXT)
    time_machine.shift(MAX_SECONDS + 60)  # the reader left the tab open all afternoon
    assert send(page).status == 400
    assert page.locator("h1").inner_text() == "لم يُرسَل تعليقك بعد"
    assert page.locator(".site-name").is_visible()  # a page of the site, with its header
    assert "انتهت صلاحية النموذج" in page.locator("#commentform .alert").inner_text()
    assert page.get_by_label("التعليق").input_value() == TEXT
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "comment-refused-phone.png", full_page=True)
    assert send(page).status == 200
    assert page.locator(".comment-held .comment-body").inner_text() == TEXT

    # Straight away a second comment: too soon after the first (the flood interval).
    write(page, "وأتمنى أن تُضاء الأرصفة ليلاً.")
    time_machine.shift(MIN_SECONDS)
    assert send(page).status == 429
    assert page.get_by_label("التعليق").input_value() == "وأتمنى أن تُضاء الأرصفة ليلاً."
    assert page.get_by_label("البريد الإلكتروني").input_value() == "reem@example.com"
    time_machine.shift(FLOOD_SECONDS + 1)
    assert send(page).status == 200
    assert page.locator(".comment-held").count() == 2

    # The same words twice: refused as a duplicate, and still not lost.
    write(page, TEXT)
    time_machine.shift(FLOOD_SECONDS + 1)
    assert send(page).status == 409
    assert page.get_by_label("التعليق").input_value() == TEXT
    assert Comment.objects.count() == 2


def test_a_reader_without_javascript_reports_a_comment(site, reader, article):
    comment = CommentFactory(article=article, body="تعليق فيه إساءة")
    page = reader()
    url = site + article.get_absolute_url()
    from_the_cache(page, url)
    with page.expect_navigation():
        page.locator(f"#comment-{comment.pk}").get_by_role("button", name="إبلاغ").click()
    assert page.url == url
    assert page.locator(".alert").first.inner_text() == "شكراً، وصل بلاغك."
    assert CommentReport.objects.filter(comment=comment).count() == 1
