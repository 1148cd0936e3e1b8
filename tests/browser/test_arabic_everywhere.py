"""Not one English word: every admin screen each demo role reaches, and the readers' pages.

Chromium signs in through the admin's form as each account `load_demo` makes, follows the
admin's links from its front page (lists, their filters, add and change forms, histories,
deletions, settings), then opens the readers' pages from the home page's links and its search
box. Every text node and every attribute a user meets (title, alt, aria-label, placeholder, the
value of buttons) is read from the rendered DOM, what the admin's scripts add included (the
date picker, the time-zone note, the editor's menu). Data is dropped (what <bdi>, <code> or a
dir="ltr" element holds, the text being edited, URLs, e-mail addresses, accounts' usernames,
numbers); every Latin word left is reported with its page, element and role.

The crawl and the footer's «آر إس إس» read words added lately to the catalogue: they pass once
`make messages` has compiled var/po/*.json into it. The date picker's words are in djangojs.po.
"""

import io
import json
import re
from importlib import import_module
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.migrations.state import ProjectState

from demo.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME, ROLE_USERS
from tests.browser.axe import run_axe
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [*ROLE_USERS, DEMO_USERNAME]  # the superuser last: it skips what the editor read
ADMIN = "/admin/"
# Not screens: signing out (a POST), the scripts' catalogue, "view on site" (the readers').
NOT_SCREENS = ("/admin/logout/", "/admin/jsi18n/", "/admin/r/")
PAGES_PER_ROLE = 90  # the editor-in-chief reaches about 60 kinds of screen: a guard, not a cap
# A browser whose clock is not the server's, so that the admin's time-zone note shows too.
CONTEXT = {"viewport": DESKTOP, "locale": "ar", "timezone_id": "UTC"}
BLOCKING = {"serious", "critical"}

# (text, where) for every text node and attribute a user meets, read in the page; hidden ones
# too, since clicking shows them (the date picker, the editor's menus). Left out: data (what
# <bdi>, <code>, a dir="ltr" element or the editor's text holds, a field's value), the names
# of icons drawn by an icon font (the button's label says what it does), and the rows of a
# form's hidden fields, which the admin never shows.
READ_TEXTS = """() => {
  const DATA = "script, style, template, textarea, code, pre, kbd, samp, bdi, [dir=ltr], "
    + "[contenteditable=true], .form-row.hidden, .fieldBox.hidden, .help.hidden";
  const ICONS = ".material-icons";
  const ATTRIBUTES = ["title", "alt", "aria-label", "placeholder", "aria-description"];
  const BUTTONS = ["submit", "button", "reset"];
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id
    : e.classList.length ? "." + [...e.classList].slice(0, 2).join(".") : "");
  const where = (element) => {
    const anchor = element.parentElement && element.parentElement.closest("[id]");
    return (anchor ? name(anchor) + " … " : "") + name(element);
  };
  const found = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (text && element && !element.closest(DATA) && !element.closest(ICONS))
      found.push([text, where(element)]);
  }
  for (const element of document.querySelectorAll("*")) {
    if (element.closest(DATA)) continue;
    for (const attribute of ATTRIBUTES) {
      const value = (element.getAttribute(attribute) || "").trim();
      if (value) found.push([value, where(element) + "[" + attribute + "]"]);
    }
    if (element.tagName === "INPUT" && BUTTONS.includes(element.type) && element.value.trim())
      found.push([element.value.trim(), where(element) + "[value]"]);
  }
  return found;
}"""
# Data inside a text: e-mail and web addresses, paths, file names; and code, the attribution
# wording's placeholders ({site}), which editors type as they are.
DATA_IN_TEXT = re.compile(
    r"\S+@\S+|(?:https?:)?//\S+|www\.\S+|(?<![\w.])/\S*|\S+\.(?:svg|png|jpe?g|xml|html?)\b"
    r"|\{\w+\}"
)
# Latin letters, accented ones included; not × or ÷, which sit among them in Unicode.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def restore_roles():
    """Make the roles' groups again when an earlier transactional test has flushed them."""
    if Group.objects.filter(name__in=ROLE_USERS.values()).count() == len(ROLE_USERS):
        return
    state_apps = ProjectState.from_apps(apps).apps
    for module, function in [
        ("0002_moderator_group", "create_group"),
        ("0004_roles", "create_roles"),
        ("0005_reports_replies_staff", "fill_reasons_and_drop_delete"),
    ]:
        getattr(import_module(f"comments.migrations.{module}"), function)(state_apps, None)


@pytest.fixture
def demo(transactional_db):
    """The demo site; returns the usernames of its accounts (data wherever they are shown)."""
    restore_roles()
    call_command("load_demo", stdout=io.StringIO())
    return set(get_user_model().objects.values_list("username", flat=True))


class Reader:
    """Chromium as one person, reading pages and keeping every Latin word it meets."""

    def __init__(self, browser, base_url, usernames, role="reader"):
        self.context = browser.new_context(**CONTEXT)
        self.page = self.context.new_page()
        self.base_url, self.usernames, self.role = base_url, usernames, role
        self.found = []  # (word, role, page, where, text)
        self.opened = []

    def sign_in(self):
        self.read(ADMIN + "login/?next=" + ADMIN)
        self.page.fill("input[name=username]", self.role)
        self.page.fill("input[name=password]", DEMO_PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(self.base_url + ADMIN)

    def read(self, path):
        """Open `path`, keep the Latin words it shows; False if it is no screen of this role."""
        response = self.page.goto(self.base_url + path)
        if response.status == 403:
            return False  # a link to what this role may not open (another person's account)
        self.opened.append(path)
        if response.status != 200:
            self.found.append(("—", self.role, unquote(path), f"HTTP {response.status}", ""))
            return False
        here = urlsplit(self.page.url)
        shown = unquote(here.path + ("?" + here.query if here.query else ""))
        for text, where in self.page.evaluate(READ_TEXTS):
            for word in self.latin_words(text):
                self.found.append((word, self.role, shown, where, text[:90]))
        return True

    def latin_words(self, text):
        words = LATIN_WORD.findall(DATA_IN_TEXT.sub(" ", text))
        return [word for word in words if word not in self.usernames]

    def links(self):
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return [urljoin(self.page.url, href) for href in hrefs]

    def close(self):
        self.context.close()


def screen_kind(path):
    """A screen's kind: its path with numbers as <n>, and the names of its query's fields."""
    parts = urlsplit(path)
    fields = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"/\d+/", "/<n>/", parts.path) + "?" + "&".join(fields)


def crawl_admin(reader, read_before=frozenset()):
    """Open one screen of each kind that the admin's links lead to from its front page, except
    the kinds in `read_before`; return the kinds opened."""
    queue, tried, kinds = [ADMIN], set(), set()
    while queue:
        assert len(reader.opened) < PAGES_PER_ROLE, f"the crawl is running away: {reader.opened}"
        path = queue.pop(0)
        kind = screen_kind(path)
        if kind in tried or (kind in read_before and path != ADMIN):
            continue
        tried.add(kind)
        if not reader.read(path):
            continue
        kinds.add(kind)
        if "?" in path:
            continue  # a filtered list links to more filters: one level of them is enough
        for url in reader.links():
            parts = urlsplit(url)
            if parts.netloc != urlsplit(reader.base_url).netloc or parts.query.startswith("o="):
                continue  # another site, or the same list sorted otherwise
            if parts.path.startswith(ADMIN) and not parts.path.startswith(NOT_SCREENS):
                queue.append(parts.path + ("?" + parts.query if parts.query else ""))
    return kinds


def crawl_public(reader):
    """The home page, a section, an article, its tag and author, the archive, a search."""
    wanted = ["/sections/", "/articles/", "/tags/", "/authors/", "/archive/"]
    queue = ["/"]
    while queue:
        reader.read(queue.pop(0))
        for url in reader.links():
            path = urlsplit(url).path
            kind = next((prefix for prefix in wanted if path.startswith(prefix)), None)
            if kind:
                wanted.remove(kind)
                queue.append(path)
    assert not wanted, f"no link leads to {wanted}"
    reader.page.fill("#site-search-q", "المدرسة")
    reader.page.press("#site-search-q", "Enter")
    reader.page.wait_for_url("**/search/**")
    reader.read(urlsplit(reader.page.url).path + "?" + urlsplit(reader.page.url).query)


def report(found):
    """One line per word, element and text, with the pages and roles it was met on."""
    places = {}
    for word, role, page, where, text in found:
        places.setdefault((word, where, text), {}).setdefault(page, set()).add(role)
    lines = []
    for (word, where, text), pages in sorted(places.items()):
        on = "; ".join(f"{page} ({', '.join(sorted(roles))})" for page, roles in pages.items())
        lines.append(f"«{word}» in {where}: {text!r}\n    on {on}")
    return f"{len(lines)} Latin words on screen:\n" + "\n".join(lines)


def test_no_english_word_on_any_screen_of_any_role_nor_on_the_public_pages(
    browser, live_server, demo
):
    found, read = [], {}
    for role in ROLES:
        reader = Reader(browser, live_server.url, demo, role)
        try:
            reader.sign_in()
            # The superuser sees what the editor-in-chief sees, and the accounts besides.
            skip = read["editor"] if role == DEMO_USERNAME else ()
            read[role] = crawl_admin(reader, skip)
            assert len(reader.opened) > 5, f"{role} reached no screen: {reader.opened}"
            found += reader.found
        finally:
            reader.close()
    reader = Reader(browser, live_server.url, demo)
    try:
        crawl_public(reader)
        found += reader.found
    finally:
        reader.close()
    assert not found, report(found)


def test_the_desk_greets_by_name_and_the_site_signs_articles_with_names(browser, live_server, demo):
    reader = Reader(browser, live_server.url, demo, "contributor")
    try:
        reader.sign_in()
        greeting = reader.page.inner_text("#user-tools")
        assert "أهلاً، سامي القحطاني" in greeting and "contributor" not in greeting.lower()
        reader.page.goto(live_server.url + "/")
        reader.page.click("a:has-text('المدرسة الجديدة تفتح أبوابها')")
        byline = reader.page.locator("a[href^='/authors/']")
        assert byline.inner_text() == "نور الهاشمي"
        byline.click()
        assert "نور الهاشمي" in reader.page.inner_text("h1")
        footer = reader.page.inner_text("footer")
        assert "آر إس إس" in footer and "RSS" not in footer
    finally:
        reader.close()


@pytest.mark.parametrize(("width", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_desk_in_arabic_at_both_widths_with_no_serious_accessibility_problem(
    browser, live_server, demo, artifacts_dir, width, viewport
):
    reader = Reader(browser, live_server.url, demo, "editor")
    try:
        reader.sign_in()
        reader.page.set_viewport_size(viewport)
        reader.page.reload()
        assert reader.page.get_attribute("html", "dir") == "rtl"
        reader.page.screenshot(path=artifacts_dir / f"desk-arabic-{width}.png", full_page=True)
        results = run_axe(reader.page)
        (artifacts_dir / f"desk-arabic-{width}.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        blocking = [
            f"[{v['impact']}] {v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
            for v in results["violations"]
            if v["impact"] in BLOCKING
        ]
        assert not blocking, "\n".join(blocking)
    finally:
        reader.close()


def test_the_date_picker_and_the_time_zone_note_speak_arabic(browser, live_server, demo):
    """The admin's scripts take their words from our catalogue (djangojs) as well as Django's."""
    reader = Reader(browser, live_server.url, demo, "editor")
    try:
        reader.sign_in()
        reader.page.goto(live_server.url + ADMIN + "articles/article/add/")
        # The browser keeps UTC; the newsroom, Riyadh's time (three hours ahead).
        note = reader.page.inner_text("#id_published_at_timezone_warning_helptext")
        assert note == "ملاحظة: أدخل الأوقات بتوقيت الموقع، فساعتك متأخرة عنه 3 ساعات."
        reader.page.click("#calendarlink0")
        shortcuts = reader.page.locator("#calendarbox0 .calendar-shortcuts a")
        assert shortcuts.all_inner_texts() == ["أمس", "اليوم", "غداً"]
        labels = [link.get_attribute("aria-label") for link in shortcuts.all()]
        assert [label.split(" (")[0] for label in labels] == ["أمس", "اليوم", "غداً"]
        assert not LATIN_WORD.search(" ".join(labels)), labels
    finally:
        reader.close()
