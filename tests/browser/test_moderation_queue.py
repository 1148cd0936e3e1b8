"""A moderator works the queue in Chromium: keyboard alone, a click, a reply, no page reload;
without JavaScript the same buttons still work; axe finds nothing serious at 1280 and 375 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment, CommentReport
from tests.browser.axe import check_page
from tests.browser.conftest import DESKTOP, PHONE, wait_until
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUE = "/admin/comments/comment/?status=pending"
STATUS_OF_CARD = "document.getElementById('queue-comment-{pk}').dataset.status === '{status}'"


@pytest.fixture
def article():
    return ArticleFactory(title="مقالة تنتظر تعليقاتها")


@pytest.fixture
def held(article):
    """Six held comments, newest first as the queue lists them."""
    now = timezone.now()
    return [
        CommentFactory(
            article=article,
            status="pending",
            name=f"قارئ {n}",
            email=f"r{n}@example.com",
            body=f"تعليق محتجز رقم {n} " + "نص طويل يملأ السطر " * 12,
            created_at=now - timedelta(minutes=10 + n),
            reason="مُعلّق: يحتوي على 3 روابط والحد 2",
        )  # fmt: skip
        for n in range(6)
    ]


@pytest.fixture
def moderator_page(signed_in, editor):
    """Chromium signed in as a member of the newsroom's staff (a superuser: the moderators'
    group is a row its migration wrote, which transactional tests before may have flushed)."""
    editor.first_name, editor.last_name = "هيئة", "التحرير"
    editor.save()
    return lambda **options: signed_in(editor, **options)


def status(comment):
    return Comment.objects.values_list("status", flat=True).get(pk=comment.pk)


def open_queue(page, live_server, path=QUEUE):
    assert page.goto(live_server.url + path).status == 200
    # Gone if the page is loaded again: every action below must leave it in place.
    page.evaluate("window.queueNeverReloaded = true")


def press(page, key, expected_pk=None, then_status=None):
    page.keyboard.press(key)
    if then_status:
        wait_until(page, STATUS_OF_CARD.format(pk=expected_pk, status=then_status))


def focused_card(page):
    return page.evaluate("document.activeElement.dataset.pk")


def test_five_comments_by_keyboard_and_one_by_click_without_a_reload(
    moderator_page, live_server, held, artifacts_dir
):
    page = moderator_page()
    open_queue(page, live_server)
    shortcuts = page.locator(".queue-keys")
    assert shortcuts.is_visible() and shortcuts.locator("kbd").count() >= 7
    pks = page.evaluate("[...document.querySelectorAll('.queue-card')].map(c => c.dataset.pk)")
    assert pks == [str(comment.pk) for comment in held]

    press(page, "j")
    assert focused_card(page) == pks[0]
    # A visible focus ring on the selected comment.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    for pk, key, after in zip(pks, "astaa", ["approved", "spam", "trash", "approved", "approved"]):
        assert focused_card(page) == pk
        press(page, key, pk, after)
    press(page, "k")  # back to the fifth, and hold it again
    assert focused_card(page) == pks[4]
    press(page, "u", pks[4], "pending")

    page.locator(f"#queue-comment-{pks[5]} [data-action=spam]").click()
    wait_until(page, STATUS_OF_CARD.format(pk=pks[5], status="spam"))

    assert [status(comment) for comment in held] == [
        "approved", "spam", "trash", "approved", "pending", "spam",
    ]  # fmt: skip
    assert page.evaluate("window.queueNeverReloaded === true")
    # The counts follow without a reload: the filter, the menu, the announcement.
    assert page.locator("[data-status-count=pending]").inner_text() == "بانتظار المراجعة (1)"
    assert page.locator("[data-status-count=approved]").inner_text() == "موافق عليه (2)"
    wait_until(page, "document.getElementById('queue-announce').textContent.length > 0")
    assert held[5].name in page.locator("#queue-announce").inner_text()
    assert page.errors == []
    page.screenshot(path=artifacts_dir / "queue-after-keyboard-desktop.png", full_page=True)


def test_a_reply_from_the_queue_is_published_marked_as_the_editorial_teams(
    moderator_page, live_server, held, browser, artifacts_dir
):
    page = moderator_page()
    open_queue(page, live_server)
    press(page, "j")
    press(page, "r")
    box = page.locator(f"#queue-reply-{held[0].pk}")
    assert page.evaluate("document.activeElement.id") == f"queue-reply-{held[0].pk}"
    page.keyboard.type("ast")  # shortcuts do nothing while typing
    page.keyboard.press("Escape")  # closes the box, back on the comment
    assert not box.is_visible() and focused_card(page) == str(held[0].pk)
    assert status(held[0]) == "pending"

    press(page, "r")
    box.fill("شكراً لك، صحّحنا الخطأ في الخبر.")
    page.locator(f"#queue-comment-{held[0].pk} .queue-reply button[type=submit]").click()
    wait_until(page, STATUS_OF_CARD.format(pk=held[0].pk, status="approved"))
    reply = Comment.objects.get(parent=held[0])
    assert (reply.status, reply.from_staff, reply.name) == ("approved", True, "هيئة التحرير")
    assert page.evaluate("window.queueNeverReloaded === true") and page.errors == []

    reader = browser.new_context(viewport=PHONE, locale="ar")
    public = reader.new_page()
    public.goto(live_server.url + held[0].article.get_absolute_url())
    shown = public.locator(f"#comment-{reply.pk}")
    assert "شكراً لك، صحّحنا الخطأ في الخبر." in shown.inner_text()
    assert "فريق التحرير" in shown.inner_text()  # the staff mark (comments/rendering.py)
    public.screenshot(path=artifacts_dir / "queue-staff-reply-public-phone.png", full_page=True)
    reader.close()


def test_shortcuts_on_the_arabic_layout_and_a_quick_edit_sent_with_ctrl_enter(
    moderator_page, live_server, held
):
    page = moderator_page()
    open_queue(page, live_server)
    press(page, "j")
    # «ش» is on the key that prints A: the moderator need not switch to a Latin layout.
    page.evaluate(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown',"
        " {key: 'ش', code: 'KeyA', bubbles: true}))"
    )
    wait_until(page, STATUS_OF_CARD.format(pk=held[0].pk, status="approved"))
    assert focused_card(page) == str(held[1].pk)

    card = page.locator(f"#queue-comment-{held[1].pk}")
    card.locator(".queue-edit summary").click()
    card.locator("textarea[name=body]").fill("نص حرّره المشرف")
    page.keyboard.press("Control+Enter")
    wait_until(page, f"document.querySelector('#queue-comment-{held[1].pk} .queue-body')"
                     ".textContent.includes('نص حرّره المشرف')")  # fmt: skip
    edited = Comment.objects.get(pk=held[1].pk)
    assert edited.body == "نص حرّره المشرف" and edited.original_body == held[1].body
    assert page.evaluate("window.queueNeverReloaded === true") and page.errors == []


def test_without_javascript_the_buttons_post_and_come_back(moderator_page, live_server, held):
    page = moderator_page(java_script_enabled=False)
    page.goto(live_server.url + QUEUE)
    page.locator(f"#queue-comment-{held[2].pk} [data-action=approve]").click()
    page.wait_for_load_state()
    assert status(held[2]) == "approved"
    assert f"{held[2].name}: موافق عليه" in page.locator(".messagelist").inner_text()


def seeded_for_axe(held, editor):
    """A queue with every kind of card: reported, edited, a staff reply, a long address."""
    CommentReport.objects.create(comment=held[0], reader="a")
    Comment.objects.filter(pk=held[1].pk).update(
        original_body="الأصل", edited_at=timezone.now(), url="https://example.com/" + "a" * 150
    )
    Comment.objects.filter(pk=held[2].pk).update(from_staff=True, name="هيئة التحرير")
    Comment.objects.filter(pk__in=[c.pk for c in held[4:]]).update(status="trash")


@pytest.mark.parametrize(
    ("name", "viewport", "status"),
    [("desktop", DESKTOP, "pending"), ("phone", PHONE, "pending"), ("trash-phone", PHONE, "trash")],
)
def test_the_queue_is_accessible_and_fits_a_phone(
    moderator_page, live_server, held, editor, artifacts_dir, name, viewport, status
):
    seeded_for_axe(held, editor)
    page = moderator_page()
    page.set_viewport_size(viewport)
    open_queue(page, live_server, f"/admin/comments/comment/?status={status}")
    first = held[0] if status == "pending" else held[4]
    page.locator(f"#queue-comment-{first.pk} details").first.locator("summary").click()
    check_page(page, artifacts_dir, f"queue-{name}")
    if viewport == PHONE:
        # Every action button is on the screen, the last ones wrapped below the first.
        actions = page.locator(f"#queue-comment-{first.pk} .queue-actions .button:visible")
        for index in range(actions.count()):
            box = actions.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.errors == []
