"""The XSS payloads through the two doors test_xss.py does not open: the admin's article form,
posted by the editor-in-chief signed in through the admin's form, and the WordPress importer.
Chromium then reads every page that shows them, the readers' and the admin's: no dialog, no
console error, no request to another host, no active content left in the DOM.

Payloads share titles and bodies as tests/browser/packing.py explains, so that Chromium opens
dozens of pages, not hundreds, while each payload is tested as if it were alone.
"""

from itertools import zip_longest
from urllib.parse import quote

import pytest
from django.core.management import call_command

from articles.models import Article, Category, Tag
from comments.models import Comment
from core.html import clean_html
from tests.articles.workflow_helpers import CHANGELIST, form_data
from tests.browser.hostile_wxr import hostile_wxr
from tests.browser.packing import grouped, packed
from tests.browser.traps import CONTEXT, WEBSITES, payloads, trapped_pages
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKER = "مفتاح"  # opens every body, so one search lists every article
ADD = CHANGELIST + "add/"
QUEUE, QUEUE_PAGE = "/admin/comments/comment/", 50


@pytest.fixture
def traps(browser, live_server):
    yield from trapped_pages(browser, live_server.url)


@pytest.fixture
def attacks(fixtures_dir, settings):
    settings.NEWSROOM_SECTION_PAGE_SIZE = 1000  # one section page, one search page: all of them
    return payloads(fixtures_dir)


@pytest.fixture
def chief(browser, live_server, editor):
    """A browser of the editor-in-chief, signed in through the admin's form.

    A superuser (tests/conftest.py): the role's group is a row its migration wrote, which the
    transactional tests before this one may have flushed away.
    """
    context = browser.new_context(**CONTEXT)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "pw")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    yield page
    context.close()


def submit(page, url, token, workflow, **fields):
    """Send the add or change form as the browser does: multipart, with its CSRF token."""
    data = {**form_data(**fields), "csrfmiddlewaretoken": token, "_workflow": workflow}
    response = page.request.post(
        url, multipart={name: str(value) for name, value in data.items()}, max_redirects=0
    )
    assert response.status == 302, (fields["title"], response.text()[:3000])


def read_as_a_reader(trap, articles):
    sections = sorted({article.category.get_absolute_url() for article in articles})
    # Chromium shows a feed as text: opened to be sure, though only a feed reader renders it.
    feeds = ["/feed/", "/feed/atom/", *(section + "feed/" for section in sections)]
    for path in ["/", *sections, *feeds]:
        trap.open(path)
    trap.open("/search/?q=" + quote(MARKER))
    assert trap.page.locator(".search-results > li").count() == len(articles)
    for article in articles:
        trap.open(article.get_absolute_url())


def test_payloads_through_the_admin_form_run_nowhere(traps, chief, attacks, live_server):
    section = CategoryFactory(name="قسم المحرر")
    add = live_server.url + ADD
    chief.goto(add)  # the form as the editor sees it, rich-text editor and all
    token = chief.input_value("input[name=csrfmiddlewaretoken]")
    titles, excerpts = packed(attacks, 300), packed(attacks, 1000)
    bodies = ["\n\n".join(group) for group in grouped(attacks, clean_html)]
    for title, excerpt, body in zip_longest(titles, excerpts, bodies, fillvalue=""):
        body = f"<p>{MARKER}</p>\n\n{body}"
        submit(chief, add, token, "publish", title=title or "مقالة", excerpt=excerpt, body=body,
               category=section.pk)  # fmt: skip
    articles = list(Article.objects.published().select_related("category").order_by("pk"))
    assert len(articles) == max(len(titles), len(excerpts), len(bodies))

    reader = traps()
    read_as_a_reader(reader, articles)
    # A second revision holding every payload: the editor, the history and the comparison of
    # the two revisions show them all at once.
    first = articles[0]
    everything = "".join(f"<p>{attack}</p>" for attack in attacks)
    submit(chief, f"{live_server.url}{CHANGELIST}{first.pk}/change/", token, "",
           title=first.title, slug=first.slug, body=everything, category=section.pk,
           version_seen=first.version)  # fmt: skip
    reader.open(first.get_absolute_url())
    assert not reader.problems, reader.report()

    editor = traps(chief.context)
    views = [f"{CHANGELIST}{first.pk}/{view}/" for view in ("change", "history", "compare")]
    for path in ["/admin/", CHANGELIST, *views]:
        editor.open(path)
    assert not editor.problems, editor.report()


def test_payloads_through_the_wordpress_import_run_nowhere(traps, chief, attacks, tmp_path):
    path, export = tmp_path / "hostile.xml", hostile_wxr(attacks, MARKER)
    path.write_text(export, encoding="utf-8")
    with open(tmp_path / "summary.txt", "w") as summary:
        call_command("import_wordpress", str(path), stdout=summary)
    articles = list(Article.objects.published().select_related("category").order_by("pk"))
    assert len(articles) == export.count("<item>") > 20
    assert Comment.objects.approved().count() == Tag.objects.count() == len(attacks)
    websites = set(Comment.objects.exclude(url="").values_list("url", flat=True))
    assert websites >= set(WEBSITES)  # kept, to be escaped; the other schemes were dropped
    assert all(url.startswith(("http://", "https://")) for url in websites)
    assert Category.objects.count() == 5
    reader = traps()
    read_as_a_reader(reader, articles)
    assert not reader.problems, reader.report()

    # The moderators' queue lists every comment: name, email, address, text.
    moderator = traps(chief.context)
    rows = 0
    for number in range(1, len(attacks) // QUEUE_PAGE + 2):
        moderator.open(f"{QUEUE}?status=all&p={number}")
        rows += moderator.page.locator("#result_list tbody tr").count()
    assert rows == len(attacks)
    moderator.open(f"{QUEUE}{Comment.objects.exclude(url='').first().pk}/change/")
    assert not moderator.problems, moderator.report()
