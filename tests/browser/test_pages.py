"""The seed article and the home page in a real browser: RTL, phone width, back to top."""

import pytest
from django.utils import timezone

from comments.forms import MIN_SECONDS
from tests.browser.conftest import DESKTOP, PHONE, wait_until
from tests.factories import ArticleFactory
from tests.seed import build_seed_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_article(fixtures_dir):
    text = (fixtures_dir / "seed-article-ar.txt").read_text(encoding="utf-8")
    return build_seed_article(text)[1]


def overflow(page):
    """How many pixels the page is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def screenshots(page, url, name, artifacts_dir):
    for label, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
        page.set_viewport_size(viewport)
        page.goto(url)
        page.screenshot(path=artifacts_dir / f"{name}-{label}.png", full_page=True)


def test_seed_article_is_rtl_fits_a_phone_and_goes_back_to_top(
    page, live_server, seed_article, artifacts_dir
):
    url = live_server.url + seed_article.get_absolute_url()
    page.set_viewport_size(PHONE)
    response = page.goto(url)
    assert response.status == 200
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert overflow(page) == 0
    assert page.locator("h1").inner_text() == seed_article.title
    assert page.locator(".recommended li a").count() == 3

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    wait_until(page, "window.scrollY > 1000")
    back = page.get_by_role("link", name="زر الذهاب إلى الأعلى")
    assert back.is_visible()
    back.click()
    wait_until(page, "window.scrollY === 0")
    assert page.errors == []
    screenshots(page, url, "article", artifacts_dir)


def test_home_is_rtl_and_fits_a_phone(page, live_server, seed_article, artifacts_dir):
    ArticleFactory.create_batch(4)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert overflow(page) == 0
    assert page.get_by_role("link", name=seed_article.title).first.is_visible()
    # Arabic text is set in the vendored web font, loaded from our own static files.
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'عربي')")
    screenshots(page, live_server.url + "/", "home", artifacts_dir)


def test_a_reader_comments_and_sees_it_awaiting_moderation(
    page, live_server, seed_article, artifacts_dir, time_machine
):
    # The live server runs in this process, so its clock stops too; Chromium keeps the real
    # time (which its cookies' expiry dates are read against: hence now, not a fixed date).
    time_machine.move_to(timezone.now(), tick=False)
    page.set_viewport_size(PHONE)
    with page.expect_response(lambda response: "/comments/form-token/" in response.url):
        page.goto(live_server.url + seed_article.get_absolute_url() + "#respond")
    assert page.locator("#email-notes").inner_text() == (
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"
    )
    page.get_by_label("التعليق").fill("تحليل مفيد، شكراً [thanks] للكاتب.")
    page.get_by_label("الاسم").fill("ريم")
    page.get_by_label("البريد الإلكتروني").fill("reem@example.com")
    # The form refuses anything sent within 3 seconds of being shown, as a bot would.
    time_machine.shift(MIN_SECONDS)
    page.get_by_role("button", name="إرسال التعليق").click()
    page.wait_for_load_state()
    held = page.locator(".comment-held")
    assert held.locator(".comment-awaiting").inner_text() == "تعليقك بانتظار المراجعة"
    assert "تحليل مفيد" in held.locator(".comment-body").inner_text()
    assert "reem@example.com" not in page.content()
    assert overflow(page) == 0
    held.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "comment-held-phone.png")
