"""A writer in Chromium: the editor keeps their typing, puts it back after a reload, never over a
colleague's newer save, warns before leaving unsaved text, and speaks Arabic throughout."""

import re

import pytest

from articles.models import Article, Autosave
from tests.browser.axe import AXE, WCAG_TAGS
from tests.browser.conftest import DESKTOP, PHONE, wait_until
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "جملة أضافها الكاتب ولم يحفظها"
SAVED = "حُفظت تلقائياً الساعة"
STALE = "حفظ شخص آخر هذه المقالة بعد أن فتحتَها"
# An autosave follows 10 s after typing stops (articles.autosave.AFTER_SECONDS).
AUTOSAVE_WAIT = 30
STATUS = "document.querySelector('[data-autosave-status]').textContent"
WRITING_AREA = ".prose-editor .tiptap.ProseMirror"
MENU_WORDS = """[...document.querySelectorAll('.prose-menubar button')].flatMap(b => [
    b.title, b.getAttribute('aria-label') || '',
    b.classList.contains('material-icons') ? '' : b.innerText])"""


@pytest.fixture
def article(editor):
    return ArticleFactory(
        title="بلدية المدينة تفتتح مكتبة",
        body="<p>افتتحت البلدية مكتبة جديدة.</p>",
        author=editor,
        status=Article.Status.DRAFT,
    )


@pytest.fixture
def staff_page(signed_in):
    # A refused autosave (409: someone saved since) is an answer, not a failure.
    return lambda user, viewport=DESKTOP: signed_in(user, viewport=viewport, answers=(409,))


def open_editor(page, url):
    assert page.goto(url).status == 200
    wait_until(page, f"!!document.querySelector('{WRITING_AREA}')")
    wait_until(page, "document.querySelector('[data-name=bold]')?.title === 'عريض'")


def serious_axe_findings(page, *selectors):
    """axe-core's serious and critical WCAG findings inside the editor's own parts."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the CSP refuses inline
    results = page.evaluate(
        "async ([include, tags]) => await axe.run({include},"
        " {runOnly: {type: 'tag', values: tags}})",
        [[[selector] for selector in selectors], WCAG_TAGS],
    )
    return [
        f"[{v['impact']}] {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def type_at_the_end(page, text):
    page.locator(WRITING_AREA).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_typing_is_autosaved_and_offered_back_after_a_reload(
    staff_page, live_server, editor, article, artifacts_dir
):
    page = staff_page(editor)
    page.on("dialog", lambda dialog: page.dialogs.append(dialog.type) or dialog.accept())
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    open_editor(page, url)
    type_at_the_end(page, " " + TYPED)
    wait_until(page, f"{STATUS}.startsWith('{SAVED}')", timeout=AUTOSAVE_WAIT)
    assert re.fullmatch(rf"{SAVED} \d\d:\d\d", page.locator("[data-autosave-status]").inner_text())
    assert TYPED not in Article.objects.get(pk=article.pk).body  # kept aside, not saved

    page.reload()
    assert page.dialogs == ["beforeunload"]  # the text is not the article's yet
    wait_until(page, f"!!document.querySelector('{WRITING_AREA}')")
    notice = page.locator("#autosave-notice")
    assert "توجد نسخة محفوظة تلقائياً من هذه المقالة" in notice.inner_text()
    assert TYPED not in page.locator(WRITING_AREA).inner_text()
    assert notice.is_visible()  # the reload opens at the top, where it is
    assert not serious_axe_findings(page, "#autosave-notice", ".editor-aside", ".prose-editor")
    page.screenshot(path=artifacts_dir / "editor-autosave-offered-desktop.png")
    page.get_by_role("button", name="استعادة النسخة المحفوظة تلقائياً").click()
    assert TYPED in page.locator(WRITING_AREA).inner_text() and not notice.count()

    with page.expect_navigation():
        page.locator("[name=_save]").first.click()
    assert TYPED in Article.objects.get(pk=article.pk).body
    assert not Autosave.objects.exists()
    assert not page.locator("#autosave-notice").count()
    assert page.errors == []


def test_a_new_article_is_kept_before_it_is_ever_saved(staff_page, live_server, editor):
    page = staff_page(editor)
    page.on("dialog", lambda dialog: dialog.accept())
    open_editor(page, f"{live_server.url}/admin/articles/article/add/")
    invitation = page.locator(f"{WRITING_AREA} p").get_attribute("data-placeholder")
    assert invitation == "اكتب المقالة هنا…"
    page.locator("#id_title").fill("مسودة بدأها الكاتب")
    type_at_the_end(page, TYPED)
    wait_until(page, f"{STATUS}.startsWith('{SAVED}')", timeout=AUTOSAVE_WAIT)
    assert not Article.objects.exists()

    page.reload()
    wait_until(page, f"!!document.querySelector('{WRITING_AREA}')")
    assert "لمقالة جديدة بدأتها ولم تحفظها" in page.locator("#autosave-notice").inner_text()
    page.get_by_role("button", name="استعادة النسخة المحفوظة تلقائياً").click()
    assert page.locator("#id_title").input_value() == "مسودة بدأها الكاتب"
    assert TYPED in page.locator(WRITING_AREA).inner_text()
    assert page.errors == []


def test_a_colleagues_newer_save_is_not_overwritten_by_a_stale_autosave(
    staff_page, live_server, editor, django_user_model, article, artifacts_dir
):
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    writer = staff_page(editor)
    open_editor(writer, url)  # opened before the colleague saves

    colleague = django_user_model.objects.create_superuser("colleague", "c@example.com", "pw")
    other = staff_page(colleague)
    open_editor(other, url)
    other.locator("#id_title").fill("عنوان صحّحه الزميل")
    with other.expect_navigation():
        other.locator("[name=_save]").first.click()
    assert Article.objects.get(pk=article.pk).title == "عنوان صحّحه الزميل"

    type_at_the_end(writer, " " + TYPED)
    wait_until(writer, f"{STATUS}.startsWith('{STALE}')", timeout=AUTOSAVE_WAIT)
    writer.screenshot(path=artifacts_dir / "editor-autosave-refused-desktop.png")
    saved = Article.objects.get(pk=article.pk)
    assert saved.title == "عنوان صحّحه الزميل" and TYPED not in saved.body
    assert not Autosave.objects.exists()
    assert TYPED in writer.locator(WRITING_AREA).inner_text()  # still there to copy
    assert writer.locator("[data-autosave-status] a").inner_text() == "النسخة الأحدث"
    assert writer.errors == [] and other.errors == []


def test_leaving_unsaved_text_asks_first_and_saving_does_not(
    staff_page, live_server, editor, article
):
    page = staff_page(editor)
    page.on("dialog", lambda dialog: page.dialogs.append(dialog.type) or dialog.dismiss())
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    open_editor(page, url)
    type_at_the_end(page, " " + TYPED)
    page.locator(".breadcrumbs a").first.click()  # «الرئيسية»: away from the form
    page.wait_for_timeout(500)
    assert page.dialogs == ["beforeunload"]
    assert page.url == url and TYPED in page.locator(WRITING_AREA).inner_text()  # stayed

    with page.expect_navigation():
        page.locator("[name=_save]").first.click()
    assert page.dialogs == ["beforeunload"]  # no second question when saving
    assert TYPED in Article.objects.get(pk=article.pk).body
    page.locator(".breadcrumbs a").first.click()  # nothing unsaved: leaves without asking
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.dialogs == ["beforeunload"] and page.errors == []


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_toolbar_speaks_arabic_and_the_writing_area_is_tall_and_grows(
    staff_page, live_server, editor, article, artifacts_dir, name, viewport
):
    page = staff_page(editor, viewport)
    open_editor(page, f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    words = [word for word in page.evaluate(MENU_WORDS) if word]
    assert len(words) >= 20 and not [word for word in words if re.search("[A-Za-z]", word)]
    # The icons are drawn from their font, never shown as the English words they are made of.
    assert page.evaluate("document.fonts.check('24px \"Material Icons\"')")
    page.locator(".prose-menubar__selected").click()
    options = page.locator(".prose-menubar__option").all_inner_texts()
    assert options == ["عنوان 2", "عنوان 3", "عنوان 4", "فقرة"]
    page.keyboard.press("Escape")

    area = page.locator(WRITING_AREA)
    height = area.bounding_box()["height"]
    assert height >= 0.55 * viewport["height"]  # not one line: most of the screen
    type_at_the_end(page, "\n".join(["سطر جديد من الخبر"] * 30))
    assert area.bounding_box()["height"] > height + 300  # the page grows, not a box in it
    toolbar = page.locator(".prose-menubar").bounding_box()  # still at hand, at the top
    assert toolbar["y"] >= 0 and toolbar["y"] + toolbar["height"] <= viewport["height"]

    page.keyboard.press("Shift+Home")  # a line chosen, then the toolbar's link button
    page.get_by_role("button", name="إدراج رابط أو تحريره").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    assert "تحرير الرابط" in dialog.inner_text() and not re.search("[A-Za-z]", dialog.inner_text())
    page.keyboard.press("Escape")

    shortcuts = page.locator(".editor-shortcuts")
    shortcuts.locator("summary").click()
    assert "اختصارات الكتابة" in shortcuts.inner_text()
    assert shortcuts.locator("kbd").count() >= 10
    assert not serious_axe_findings(page, ".editor-aside", ".prose-editor")
    for part in (".prose-editor", ".editor-aside"):
        box = page.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.screenshot(path=artifacts_dir / f"editor-{name}.png")
    assert page.errors == []
