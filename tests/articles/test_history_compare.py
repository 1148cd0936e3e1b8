"""An article's history tells who did what in words and in the site's time; any two revisions
compare field by field and word by word; restoring one never changes the workflow state."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import revisions, workflow
from articles.admin import ArticleAdmin
from articles.models import Article
from tests.articles.workflow_helpers import change_url, form_data, make_user, reload
from tests.factories import CategoryFactory, SourceFactory, TagFactory
from tests.wordpress.exports import post, run, write, wxr

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def desk(client, django_user_model):
    user = make_user(django_user_model, "editor")
    user.first_name, user.last_name = "سلمى", "المحررة"
    user.save()
    client.force_login(user)
    client.user = user
    return client


def history_url(article):
    return change_url(article).removesuffix("change/") + "history/"


def compare_url(article, older, newer):
    base = change_url(article).removesuffix("change/")
    return f"{base}compare/?a={older.history_id}&b={newer.history_id}"


def create(desk, **fields):
    """Write an article as an editor does: the add form."""
    category = fields.pop("category", None) or CategoryFactory()
    response = desk.post(ADD_URL, form_data(category=category.pk, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.latest("pk")


def save(desk, article, **fields):
    response = desk.post(change_url(article), form_data(reload(article), **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return reload(article)


def visible(html):
    """The page's text as a reader hears it, tags gone and spaces squeezed."""
    return " ".join(TAG.sub(" ", html).split())


def marked(html, tag):
    """The texts a comparison marks as removed (del) or added (ins), without their labels."""
    label = re.compile(r'<span class="visually-hidden">[^<]*</span>')
    return [visible(label.sub("", inner)) for inner in re.findall(rf"<{tag}>(.*?)</{tag}>", html)]


def test_words_added_and_removed_are_found_inside_a_paragraph():
    old = ["قال الوزير إن الخطة جاهزة للتنفيذ"]
    new = ["قال الوزير اليوم إن الخطة شبه جاهزة للتنفيذ", "فقرة جديدة كاملة"]
    assert revisions.text_diff(old, new) == [
        [
            ("same", "قال الوزير"),
            ("added", "اليوم"),
            ("same", "إن الخطة"),
            ("added", "شبه"),
            ("same", "جاهزة للتنفيذ"),
        ],
        [("added", "فقرة جديدة كاملة")],
    ]


def test_a_paragraph_rewritten_through_is_shown_gone_then_new():
    paragraphs = revisions.text_diff(["نص قديم لا يبقى منه شيء"], ["كلام آخر تماما"])
    assert paragraphs == [[("removed", "نص قديم لا يبقى منه شيء")], [("added", "كلام آخر تماما")]]


def test_every_transition_of_the_workflow_has_a_step_name():
    assert set(revisions.STEP_NAMES) == set(workflow.TRANSITIONS)


def test_the_history_names_every_workflow_step_and_who_took_it(desk, clock):
    editor = desk.user
    article = create(desk, title="خبر يمر بكل الخطوات")
    steps = [
        lambda: workflow.submit_for_review(article, by=editor),
        lambda: workflow.schedule(article, by=editor, at=timezone.now() + timedelta(hours=1)),
        lambda: workflow.unpublish(article, by=editor),
        lambda: workflow.publish(article, by=editor),
        lambda: workflow.trash(article, by=editor),
        lambda: workflow.restore(article, by=editor),
    ]
    for step in steps:
        clock.shift(timedelta(minutes=5))
        step()
    clock.shift(timedelta(minutes=5))
    workflow.unpublish(article, by=editor)
    workflow.schedule(article, by=editor, at=timezone.now() + timedelta(minutes=10))
    clock.shift(timedelta(minutes=15))
    assert workflow.went_live(article.pk)  # the clock's publication saves no revision

    page = visible(main(desk.get(history_url(article)).content.decode()))
    for name in [
        "أُرسلت إلى المراجعة",
        "جُدولت للنشر",
        "أُلغي نشرها وعادت مسودة",
        "نُشرت على الموقع",
        "نُقلت إلى سلة المهملات",
        "استُعيدت من سلة المهملات",
    ]:
        # Who took the step (from the workflow's audit trail), then the step's name.
        assert f"سلمى المحررة {name}" in page
    assert "آلياً نُشرت على الموقع" in page  # the clock's, on a line of its own
    assert page.count("سلمى المحررة") == 9  # the first save and eight steps
    assert "أُنشئت المقالة" in page


def test_the_history_speaks_words_and_the_site_time_never_database_values(desk, clock):
    source = SourceFactory(name="وكالة الأنباء")
    article = create(desk, title="عنوان أول", body="<p>قال الوزير إن الخطة جاهزة.</p>")
    clock.shift(timedelta(minutes=7))
    save(
        desk,
        article,
        title="عنوان ثان",
        body="<p>قال الوزير اليوم إن الخطة <strong>شبه</strong> جاهزة.</p>" + "<p>نص</p>" * 90,
        source=source.pk,
        comments_open="",
    )
    html = desk.get(history_url(article)).content.decode()
    page = visible(html)
    # 09:07 UTC is 12:07 in Riyadh, the site's time zone.
    assert "1 مارس 2026، 12:07" in page and "09:07" not in page and "+00:00" not in page
    assert "النسخة 2" in page and "النسخة 1" in page
    assert "أول" in marked(html, "del") and "ثان" in marked(html, "ins")  # word by word
    assert "أُضيفت 92 كلمة" in page  # the body is counted in the list, compared on its page
    assert "لا يوجد" in marked(html, "del") and "وكالة الأنباء" in marked(html, "ins")
    assert "نعم" in marked(html, "del") and "لا" in marked(html, "ins")
    for leak in ["None", "chars]", "&lt;p&gt;", "<p>قال", "(pk=", "Changed", "CHANGES"]:
        assert leak not in html
    assert re.findall(r"\b[A-Za-z]{3,}\b", visible(main(html))) == []


def main(html):
    """The page's own content, without the admin's header and menu."""
    return re.search(r"<main\b[^>]*>(.*)</main>", html, re.S).group(1)


def test_two_revisions_compare_every_field_a_reader_sees_word_by_word(desk, clock):
    before, after = TagFactory(name="اقتصاد"), TagFactory(name="طاقة")
    kept = TagFactory(name="الخليج")
    news, sport = CategoryFactory(name="أخبار"), CategoryFactory(name="رياضة")
    article = create(
        desk,
        title="قبل",
        category=news,
        tags=[before.pk, kept.pk],
        body="<p>فقرة باقية كما هي</p><p>قال الوزير إن الخطة جاهزة</p><p>فقرة محذوفة</p>",
    )
    older = reload(article).history.first()
    clock.shift(timedelta(minutes=3))
    save(
        desk,
        article,
        title="بعد",
        category=sport.pk,
        tags=[after.pk, kept.pk],
        source=SourceFactory(name="وكالة الشرق").pk,
        body="<p>فقرة باقية كما هي</p><p>قال الوزير اليوم إن الخطة جاهزة</p>",
    )
    workflow.publish(reload(article), by=desk.user)
    newer = reload(article).history.first()

    html = desk.get(compare_url(article, older, newer)).content.decode()
    removed, added = marked(html, "del"), marked(html, "ins")
    assert {"قبل", "مسودة", "أخبار", "اقتصاد", "لا يوجد", "فقرة محذوفة"} <= set(removed)
    assert {"بعد", "منشور", "رياضة", "طاقة", "وكالة الشرق", "اليوم"} <= set(added)
    assert "قال الوزير إن الخطة جاهزة" not in removed  # one word added, not the paragraph
    page = visible(main(html))
    for label in ["العنوان", "الحالة", "القسم", "الوسوم", "المصدر الإخباري", "نص المقالة"]:
        assert f"{label} " in page
    assert "فقرة باقية كما هي" in page and "الخليج" in page
    assert "<p>" not in "".join(removed + added)
    assert "هذا هو النص الحالي للمقالة." in page


def test_the_comparison_puts_the_older_revision_first_whichever_way_it_is_asked(desk, clock):
    article = create(desk, title="الأول")
    clock.shift(timedelta(minutes=1))
    save(desk, article, title="الثاني")
    newer, older = list(reload(article).history.all())
    html = desk.get(compare_url(article, newer, older)).content.decode()
    assert marked(html, "del") == ["الأول"] and marked(html, "ins") == ["الثاني"]
    assert "النسخة 1" in visible(html) and "النسخة 2" in visible(html)


def test_one_save_in_the_desk_is_one_revision_with_its_tags(desk):
    first, second = TagFactory(name="أول"), TagFactory(name="ثان")
    article = create(desk, title="خبر موسوم", tags=[first.pk])
    article = save(desk, article, tags=[second.pk])
    assert article.history.count() == 2
    names = revisions.Names(list(article.history.all()))
    assert [names.value(revision, "tags") for revision in article.history.all()] == [
        ["ثان"],
        ["أول"],
    ]


def test_restoring_brings_back_text_and_tags_and_keeps_status_and_publish_time(desk, clock):
    old_tag, new_tag = TagFactory(name="قديم"), TagFactory(name="جديد")
    article = create(desk, title="الأصل", tags=[old_tag.pk])
    first = reload(article).history.first()
    clock.shift(timedelta(minutes=2))
    article = save(desk, article, title="تعديل خاطئ", tags=[new_tag.pk])
    workflow.publish(article, by=desk.user)
    article = reload(article)
    published_at = article.published_at

    url = history_url(article) + f"{first.history_id}/"
    form = desk.get(url).content.decode()
    assert 'value="الأصل"' in form
    assert re.search(rf'<option value="{old_tag.pk}" selected>', form)
    assert "النسخة 1" in visible(form) and "استعادة هذه النسخة" in form
    data = form_data(article, title="الأصل", tags=[old_tag.pk])
    response = desk.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == change_url(article)
    told = visible(response.content.decode())
    assert "استُعيدت النسخة 1: صارت نص المقالة في نسخة جديدة، ولم تتغير حالتها." in told
    restored = reload(article)
    assert restored.title == "الأصل" and list(restored.tags.all()) == [old_tag]
    assert restored.status == Article.Status.PUBLISHED and restored.published_at == published_at


@pytest.mark.parametrize(
    "suffix",
    ["history/abc/", "history/0/", "history/99999999999999999999/", "compare/?a=abc",
     "compare/?b=٣", "compare/?a=99999"],
)  # fmt: skip
def test_a_revision_id_that_is_not_this_articles_answers_404(desk, suffix):
    article = create(desk, title="خبر")
    other = create(desk, title="خبر آخر")
    foreign = other.history.first().history_id
    assert desk.get(change_url(article).removesuffix("change/") + suffix).status_code == 404
    response = desk.get(history_url(article) + f"{foreign}/")
    assert response.status_code == 404


def test_an_imported_articles_first_revision_keeps_its_tags(desk, tmp_path):
    tag = '<category domain="post_tag" nicename="energy"><![CDATA[طاقة]]></category>'
    run(write(tmp_path, "one.xml", wxr([post(1, "خبر مستورد", extra=tag)])))
    article = Article.objects.get()
    imported = article.history.get()
    save(desk, article, tags=[])
    html = desk.get(compare_url(article, imported, article.history.first())).content.decode()
    assert marked(html, "del") == ["طاقة"] and marked(html, "ins") == []
    history = visible(main(desk.get(history_url(article)).content.decode()))
    assert "النسخة 1" in history and "آلياً استُوردت إلى غرفة الأخبار" in history
    assert "أُنشئت المقالة" not in history  # the import's step names the first revision


def test_a_writer_who_may_only_read_an_article_reads_its_history_but_restores_nothing(
    desk, client, django_user_model
):
    article = create(desk, title="خبر لرئيسة التحرير")
    save(desk, article, title="خبر لرئيسة التحرير بعد التعديل")
    first = reload(article).history.last()
    client.force_login(make_user(django_user_model, "author"))
    history = client.get(history_url(article)).content.decode()
    assert "مراجعة واستعادة" not in history
    newer = reload(article).history.first()
    assert f"compare/?a={first.history_id}&amp;b={newer.history_id}" in history
    assert "قارنها بالنسخة التي قبلها" in history
    compared = client.get(compare_url(article, first, newer)).content.decode()
    assert "بعد التعديل" in marked(compared, "ins") and "استعادة" not in compared
    url = history_url(article) + f"{first.history_id}/"
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(reload(article), title="محاولة")).status_code == 403
    assert reload(article).title == "خبر لرئيسة التحرير بعد التعديل"


def test_a_long_history_is_paged_and_each_page_compares_with_the_revision_before_it(
    desk, clock, monkeypatch
):
    monkeypatch.setattr(ArticleAdmin, "history_list_per_page", 2)
    article = create(desk, title="العنوان الأول")
    for title in ["العنوان الثاني", "العنوان الثالث"]:
        clock.shift(timedelta(minutes=1))
        article = save(desk, article, title=title)
    first_page = desk.get(history_url(article)).content.decode()
    assert "النسخة 3" in visible(first_page) and "النسخة 1" not in visible(first_page)
    assert marked(first_page, "del") == ["الثاني", "الأول"]  # revision 2 against 1
    second_page = desk.get(history_url(article) + "?p=2").content.decode()
    assert "النسخة 1" in visible(second_page) and "أُنشئت المقالة" in visible(second_page)
    assert "3 نسخ" in visible(second_page)
