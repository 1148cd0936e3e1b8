"""An editor in Chromium goes from the article to its history, picks two revisions, compares
them and restores the older one; the admin's refusal and not-found pages lead back to the
desk; axe finds nothing serious on the history and the comparison at 1280 and 375 px."""

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.browser.axe import check_page
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import CategoryFactory, SourceFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "/admin/"
FIRST_BODY = "<p>قال الوزير إن الخطة جاهزة للتنفيذ.</p><p>فقرة ستُحذف من الخبر.</p>"
LAST_BODY = "<p>قال الوزير اليوم إن الخطة شبه جاهزة للتنفيذ.</p><p>فقرة جديدة أضافها المحرر.</p>"


def form(article, **fields):
    at = timezone.localtime(article.published_at)
    data = {
        "title": article.title, "slug": article.slug, "category": article.category_id,
        "tags": list(article.tags.values_list("pk", flat=True)) if article.pk else [], "excerpt": article.excerpt,
        "body": article.body, "published_at_0": at.strftime("%Y-%m-%d"),
        "published_at_1": at.strftime("%H:%M:%S"), "byline": "", "comments_open": "on",
        "show_attribution": "on", "source": article.source_id or "", "original_url": "",
        "correction": "", "image_alt": "", "image_caption": "", "image_credit": "",
        "version_seen": article.version, "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0", "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(fields)
    return data


@pytest.fixture
def story(client, editor):
    """An article written, edited twice and published in the desk, by a named editor."""
    editor.first_name, editor.last_name = "سلمى", "المحررة"
    editor.save()
    client.force_login(editor)
    economy, energy = TagFactory(name="اقتصاد"), TagFactory(name="طاقة")
    news = CategoryFactory(name="أخبار")
    response = client.post(
        f"{ADMIN}articles/article/add/",
        form(Article(title="الخطة الأولى", category=news, body=FIRST_BODY), tags=[economy.pk]),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    change = f"{ADMIN}articles/article/{article.pk}/change/"
    client.post(change, form(article, tags=[economy.pk], title="الخطة في صيغتها الثانية"))
    article.refresh_from_db()
    client.post(
        change,
        form(
            article,
            title="الخطة الجديدة للطاقة",
            body=LAST_BODY,
            tags=[energy.pk],
            source=SourceFactory(name="وكالة الأنباء").pk,
            category=CategoryFactory(name="اقتصاد وأعمال").pk,
        ),
    )
    workflow.publish(Article.objects.get(), by=editor)
    assert Article.objects.get().history.count() == 4
    return Article.objects.get()


@pytest.fixture
def desk_page(signed_in, editor):
    # A mistyped address and a refusal are what some tests visit: 404 and 403 are answers.
    return lambda user=None, viewport=DESKTOP: signed_in(
        user or editor, viewport=viewport, answers=(403, 404)
    )


def open_history(page, live_server, article):
    page.goto(f"{live_server.url}{ADMIN}articles/article/{article.pk}/change/")
    page.get_by_role("link", name="سجل النسخ", exact=True).click()
    page.wait_for_url(f"**/articles/article/{article.pk}/history/")


def compare_first_and_last(page, story):
    first, last = story.history.last(), story.history.first()
    page.locator(f"#older-{first.history_id}").check()
    page.locator(f"#newer-{last.history_id}").check()
    page.get_by_role("button", name="قارن بين النسختين المختارتين").first.click()
    page.wait_for_url("**/compare/?**")


def test_an_editor_compares_two_revisions_and_restores_the_older(
    desk_page, live_server, story, artifacts_dir
):
    page = desk_page()
    open_history(page, live_server, story)
    lines = page.locator(".revision-list tbody tr")
    assert lines.count() == 4
    newest = lines.first.inner_text()
    assert "سلمى المحررة" in newest and "نُشرت على الموقع" in newest and "النسخة 4" in newest
    assert "أُضيفت" in lines.nth(1).inner_text()  # the body's words, counted

    compare_first_and_last(page, story)
    removed = page.locator(".revision-change del").all_inner_texts()
    added = page.locator(".revision-change ins").all_inner_texts()
    for word in ["الأولى", "مسودة", "أخبار", "اقتصاد", "لا يوجد", "فقرة ستُحذف من الخبر."]:
        assert any(word in text for text in removed), word
    for word in ["الجديدة للطاقة", "منشور", "اقتصاد وأعمال", "طاقة", "وكالة الأنباء", "اليوم"]:
        assert any(word in text for text in added), word
    assert "<p>" not in page.locator(".revision-compare").inner_text()
    headings = page.locator(".revision-change h3").all_inner_texts()
    assert headings[:5] == ["العنوان", "الحالة", "القسم", "الوسوم", "المصدر الإخباري"]

    page.locator(".revision-head-older").get_by_role("link").click()
    page.wait_for_url("**/history/*/")
    assert page.locator("#id_title").input_value() == "الخطة الأولى"
    assert "تبقى الحالة «منشور» كما هي" in page.locator(".revision-restore-note").inner_text()
    page.screenshot(path=artifacts_dir / "restore-desktop.png", full_page=True)
    page.get_by_role("button", name="استعادة هذه النسخة").first.click()
    page.wait_for_url(f"**/articles/article/{story.pk}/change/")
    assert "استُعيدت النسخة 1" in page.locator(".messagelist").inner_text()
    restored = Article.objects.get()
    assert restored.title == "الخطة الأولى" and restored.body == FIRST_BODY
    assert [tag.name for tag in restored.tags.all()] == ["اقتصاد"]
    assert restored.status == Article.Status.PUBLISHED
    # The form keeps whole seconds, as every save in the desk does.
    assert restored.published_at == story.published_at.replace(microsecond=0)
    assert page.errors == []


def test_the_keyboard_picks_the_revisions_and_compares(desk_page, live_server, story):
    page = desk_page()
    open_history(page, live_server, story)
    second = list(story.history.all())[2]
    page.locator(f"#older-{second.history_id}").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="قارن بين النسختين المختارتين").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/?**")
    assert page.locator("#compare-older").input_value() == str(second.history_id)
    title = page.locator(".revision-change").first
    assert title.locator("del").inner_text().endswith("الخطة في صيغتها الثانية")
    assert page.errors == []


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_history_and_comparison_are_accessible_and_fit(
    desk_page, live_server, story, artifacts_dir, name, viewport
):
    page = desk_page(viewport=viewport)
    open_history(page, live_server, story)
    check_page(page, artifacts_dir, f"history-{name}")
    compare_first_and_last(page, story)
    check_page(page, artifacts_dir, f"compare-{name}")
    assert page.errors == []


def test_a_mistyped_address_and_a_refusal_lead_back_to_the_desk(
    desk_page, live_server, story, django_user_model, artifacts_dir
):
    page = desk_page()
    response = page.goto(f"{live_server.url}{ADMIN}articles/article/{story.pk}/change/history/")
    assert response.status == 404
    assert "لا شيء على هذا العنوان في مكتب التحرير" in page.locator("main").inner_text()
    check_page(page, artifacts_dir, "admin-404-desktop")
    page.get_by_role("link", name="العودة إلى مكتب التحرير").click()
    page.wait_for_url(f"{live_server.url}{ADMIN}")

    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.first_name = "موظف الأرشيف"
    clerk.save()
    refused = desk_page(user=clerk, viewport=PHONE)
    response = refused.goto(f"{live_server.url}{ADMIN}articles/article/{story.pk}/history/")
    assert response.status == 403
    assert "تم رفض الوصول" in refused.locator("main").inner_text()
    check_page(refused, artifacts_dir, "admin-403-phone")
    refused.get_by_role("link", name="العودة إلى مكتب التحرير").click()
    refused.wait_for_url(f"{live_server.url}{ADMIN}")
    assert response.status == 403 and refused.url.endswith(ADMIN)
    assert refused.errors == []
