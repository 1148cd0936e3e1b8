"""The article desk in Chromium: a contributor writes and submits in as few clicks as WordPress
asks, each action says what it did, the preview link opens on the port the site is served on
and its copy button copies it, the list reads well at 1280 and 375 px, and a read-only view
shows the article as readers will see it. axe finds nothing serious on the form or the list."""

import importlib
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article
from tests.browser.axe import run_axe
from tests.browser.conftest import DESKTOP, PHONE, wait_until
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGELIST = "/admin/articles/article/"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The newsroom's roles are rows a migration wrote; transactional tests before may have flushed
# them, so they are written again from the same definition.
ROLES = importlib.import_module("comments.migrations.0004_roles")
ROLE_NAMES = {"editor": ROLES.EDITOR, "author": ROLES.AUTHOR, "contributor": ROLES.CONTRIBUTOR}
TITLES = [
    "وزارة التعليم تعلن مواعيد امتحانات نهاية العام الدراسي في جميع المحافظات",
    "ارتفاع أسعار الذهب في الأسواق المحلية مع تراجع الدولار أمام العملات الأخرى",
    "المنتخب الوطني يتأهل إلى نهائي البطولة بعد فوز صعب على منافسه التقليدي",
    "افتتاح معرض الكتاب الدولي بمشاركة أكثر من ألف دار نشر عربية وأجنبية",
]


def role_user(django_user_model, role, username=None):
    group, _created = Group.objects.get_or_create(name=ROLE_NAMES[role])
    wanted = ROLES.ROLES[ROLE_NAMES[role]]
    if wanted == "all":
        perms = Permission.objects.filter(content_type__app_label__in=["articles", "comments"])
    else:
        perms = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
    group.permissions.add(*perms)
    user = django_user_model.objects.create_user(
        username or role, f"{role}@example.com", "pw", is_staff=True, first_name="سلمى"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def desk(signed_in):
    """open(user): Chromium signed in as `user` (tests/browser/conftest.py)."""
    return signed_in


def change_url(live_server, article):
    return f"{live_server.url}{CHANGELIST}{article.pk}/change/"


def message(page):
    return page.locator(".messagelist").inner_text()


def press(page, label):
    """Click the button of the top row called `label`, and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator("[data-where=top]").get_by_role("button", name=label, exact=True).click()


def blocking(results):
    return [
        f"[{v['impact']}] {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def check_axe(page, artifacts_dir, stem):
    results = run_axe(page)
    (artifacts_dir / f"a11y-{stem}.json").write_text(
        json.dumps(results["violations"], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    assert not blocking(results), "\n".join(blocking(results))


def test_a_contributor_writes_and_submits_in_five_clicks(
    desk, live_server, django_user_model, artifacts_dir
):
    CategoryFactory(name="محليات")
    contributor = role_user(django_user_model, "contributor")
    page = desk(contributor)
    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    page.goto(live_server.url + "/admin/")
    with page.expect_navigation():
        click(page.locator("#content-main tr.model-article a.addlink"))
    # The title has the focus: the contributor types at once.
    assert page.evaluate("document.activeElement.id") == "id_title"
    page.keyboard.type("افتتاح مكتبة عامة جديدة في الحي")
    click(page.locator(".field-category .select2-selection"))
    page.keyboard.type("محليات")
    click(page.locator(".select2-results__option", has_text="محليات"))
    click(page.locator(".field-body [contenteditable=true]"))
    page.keyboard.type("افتتحت البلدية صباح اليوم مكتبة عامة جديدة.")
    with page.expect_navigation():
        click(page.locator("[data-where=top]").get_by_role("button", name="إرسال للمراجعة"))

    assert clicks <= 5  # WordPress: Add New, title, body, Submit for Review, and the category
    assert "أُرسلت للمراجعة" in message(page)
    article = Article.objects.get()
    assert (article.status, article.author, article.category.name) == (
        "pending",
        contributor,
        "محليات",
    )
    assert "افتتحت البلدية" in article.body
    assert page.errors == []
    page.screenshot(path=artifacts_dir / "desk-submitted-desktop.png", full_page=True)


def test_each_action_says_what_it_did_and_an_edit_never_says_added(
    desk, live_server, django_user_model
):
    editor = role_user(django_user_model, "editor")
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor, title=TITLES[0])
    page = desk(editor)
    page.goto(change_url(live_server, article))
    rows = page.locator(".desk-actions")
    assert rows.count() == 2  # the same row at the top and the bottom of the form
    assert rows.nth(0).inner_text() == rows.nth(1).inner_text()
    assert page.locator(".submit-row").count() == 2  # and no other row of buttons

    press(page, "حفظ المسودة")
    assert "حُفظت المسودة" in message(page)

    later = timezone.localtime(timezone.now() + timedelta(days=1))
    page.fill("#id_published_at_0", later.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", later.strftime("%H:%M:%S"))
    press(page, "جدولة النشر في الوقت المحدد")
    assert "جُدولت المقالة" in message(page)
    assert Article.objects.get(pk=article.pk).state == "scheduled"

    press(page, "نشر الآن")
    assert "نُشرت المقالة" in message(page)
    press(page, "حفظ التغييرات")
    assert "حُفظت التغييرات" in message(page)
    press(page, "إلغاء النشر (إعادة إلى مسودة)")
    assert "أُلغي نشر المقالة" in message(page)
    press(page, "نقل إلى سلة المهملات")
    assert "نُقلت المقالة إلى سلة المهملات" in message(page)
    assert page.url.startswith(live_server.url + CHANGELIST) and "/change/" not in page.url
    assert Article.objects.get(pk=article.pk).status == "trash"
    assert "إضافة" not in page.content()  # «نجحت إضافة مقالة» never follows an edit
    assert page.errors == []


@pytest.fixture
def draft(django_user_model):
    editor = role_user(django_user_model, "editor")
    return editor, ArticleFactory(status=Article.Status.DRAFT, author=editor, title=TITLES[1])


def test_the_preview_link_opens_on_the_port_the_site_is_served_on(desk, live_server, draft):
    editor, article = draft
    page = desk(editor)
    page.goto(change_url(live_server, article))
    field = page.locator("#desk-preview-url")
    link = field.input_value()
    # live_server listens on a port of its own choosing, never 8000.
    assert link.startswith(live_server.url + "/preview/")
    assert field.evaluate("(el) => getComputedStyle(el).direction") == "ltr"
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="فتح المعاينة").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.url == link
    assert TITLES[1] in preview.locator("h1").inner_text()
    assert "معاينة" in preview.locator(".preview-banner").inner_text()
    assert page.errors == []


def test_the_copy_button_puts_the_link_in_the_clipboard(desk, live_server, draft):
    editor, article = draft
    page = desk(editor, permissions=["clipboard-read", "clipboard-write"])
    page.goto(change_url(live_server, article))
    page.get_by_role("button", name="نسخ الرابط").click()
    wait_until(page, "document.getElementById('desk-preview-status').textContent.length > 0")
    assert page.locator("#desk-preview-status").inner_text() == "نُسخ الرابط."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#desk-preview-url").input_value()
    assert copied.startswith(live_server.url + "/preview/")
    assert page.errors == []


def test_without_the_clipboard_api_the_link_is_selected_for_the_keyboard(desk, live_server, draft):
    editor, article = draft
    page = desk(editor)
    # As on plain http away from this machine, where browsers give pages no clipboard API.
    page.context.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined})"
    )
    page.goto(change_url(live_server, article))
    page.get_by_role("button", name="نسخ الرابط").click()
    wait_until(page, "document.getElementById('desk-preview-status').textContent.length > 0")
    selected = page.evaluate(
        "(() => { const f = document.getElementById('desk-preview-url');"
        " return f.selectionStart === 0 && f.selectionEnd === f.value.length; })()"
    )
    assert selected and page.evaluate("document.activeElement.id") == "desk-preview-url"
    assert page.locator("#desk-preview-status").inner_text() in {
        "نُسخ الرابط.",
        "الرابط محدَّد: انسخه بلوحة المفاتيح.",
    }


@pytest.fixture
def newsroom(django_user_model):
    """A list of a dozen articles in every state, with long titles and a news source."""
    editor = role_user(django_user_model, "editor")
    editor.first_name, editor.last_name = "هيئة", "التحرير"
    editor.save()
    source = SourceFactory(name="وكالة الأنباء العربية")
    states = [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + timedelta(days=2)},
        {"status": Article.Status.PUBLISHED, "source": source},
    ]
    for n in range(12):
        ArticleFactory(author=editor, title=TITLES[n % 4], **states[n % 4])
    return editor


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_list_reads_well_with_its_filters_beside_it(
    desk, live_server, newsroom, artifacts_dir, name, viewport
):
    page = desk(newsroom, viewport=viewport)
    page.goto(live_server.url + CHANGELIST)
    page.screenshot(path=artifacts_dir / f"desk-list-{name}.png", full_page=True)
    assert page.evaluate(OVERFLOW) == 0  # no sideways scroll
    titles = page.locator("#result_list .field-title a")
    assert titles.count() == 12
    for index in range(titles.count()):
        lines = titles.nth(index).evaluate("(el) => el.getClientRects().length")
        assert lines <= 2, (name, titles.nth(index).inner_text(), lines)
    table = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert not boxes_overlap(table, filters)
    if viewport == DESKTOP:
        assert abs(filters["y"] - page.locator("#changelist-search").bounding_box()["y"]) < 40
    # Statuses are coloured labels, each its own colour.
    labels = page.locator("#result_list .state-label")
    colours = {
        labels.nth(index).evaluate("(el) => getComputedStyle(el).backgroundColor")
        for index in range(labels.count())
    }
    assert len(colours) == 4
    assert {labels.nth(i).inner_text() for i in range(labels.count())} == {
        "مسودة",
        "بانتظار المراجعة",
        "مجدول",
        "منشور",
    }
    check_axe(page, artifacts_dir, f"desk-list-{name}")
    assert page.errors == []


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_article_form_is_accessible_and_fits(
    desk, live_server, draft, artifacts_dir, name, viewport
):
    editor, article = draft
    page = desk(editor, viewport=viewport)
    page.goto(change_url(live_server, article))
    page.screenshot(path=artifacts_dir / f"desk-form-{name}.png", full_page=True)
    assert page.evaluate(OVERFLOW) == 0
    row = page.locator("[data-where=top] .button")
    for index in range(row.count()):
        box = row.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    check_axe(page, artifacts_dir, f"desk-form-{name}")
    assert page.errors == []


def test_a_read_only_view_shows_the_article_as_readers_will(
    desk, live_server, django_user_model, artifacts_dir
):
    contributor = role_user(django_user_model, "contributor")
    body = (
        "<p>افتتحت البلدية <strong>مكتبة</strong> جديدة تضم كتباً بلغات منها English.</p>"
        "<h2>ساعات العمل</h2><ul><li>من الأحد إلى الخميس</li></ul>"
        "<blockquote><p>قال رئيس البلدية إن المكتبة للجميع.</p></blockquote>"
    )
    article = ArticleFactory(author=contributor, title=TITLES[3], body=body)
    page = desk(contributor)
    page.goto(change_url(live_server, article))
    page.screenshot(path=artifacts_dir / "desk-read-only-desktop.png", full_page=True)
    panel = page.locator(".article-as-read")
    text = panel.inner_text()
    assert "افتتحت البلدية مكتبة جديدة" in text and "ساعات العمل" in text
    assert "<" not in text and ">" not in text  # no raw tags
    assert panel.locator(".article-body h2").inner_text() == "ساعات العمل"
    assert panel.locator(".article-body strong").inner_text() == "مكتبة"
    assert panel.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    content = page.locator("#content").inner_text()
    assert "None" not in content
    assert page.locator("[name=version_seen]").count() == 0
    assert page.locator("[data-where=top]").count() == 0  # nothing to save here
    check_axe(page, artifacts_dir, "desk-read-only-desktop")
    assert page.errors == []
