"""Every string is translated and the compiled Arabic catalogue matches its source."""

import gettext
import re

import pytest
from django.utils import translation

from newsroom.settings import env

CATALOGUE = env.BASE_DIR / "core" / "locale" / "ar" / "LC_MESSAGES"
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def unquote(lines):
    return "".join(
        bytes(part, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for part in re.findall(r'"((?:[^"\\]|\\.)*)"', lines)
    )


def entries():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    return text, [(unquote(i), unquote(s)) for i, s in ENTRY.findall(text) if unquote(i)]


def test_the_arabic_catalogue_is_complete():
    text, pairs = entries()
    assert "#, fuzzy" not in text
    assert len(pairs) > 40
    assert [msgid for msgid, msgstr in pairs if not msgstr] == []


def test_the_compiled_catalogue_matches_the_source():
    _text, pairs = entries()
    with open(CATALOGUE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, msgstr in pairs if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run `make messages` to recompile the catalogue"


@pytest.mark.django_db
def test_pages_and_messages_are_arabic(client):
    assert translation.get_language() == "ar"
    html = client.get("/").content.decode()
    assert "تخطَّ إلى المحتوى" in html and "لم يُنشر شيء بعد." in html


LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# The words a screen is made of (headings, labels, column titles, filter choices), as opposed
# to the data it lists, which may be in any script.
INTERFACE_TEXT = re.compile(
    r"<(h1|h2|h3|th|label|legend|caption|option|button)\b[^>]*>(.*?)</\1>", re.S
)


def interface_words(html):
    texts = (re.sub(r"<[^>]+>", " ", inner) for _tag, inner in INTERFACE_TEXT.findall(html))
    return sorted({word for text in texts for word in LATIN_WORD.findall(text)})


@pytest.mark.django_db
def test_the_libraries_admin_screens_speak_arabic(admin_client):
    """The sign-in attempts (django-axes) and background tasks (django-tasks-db) screens, with
    the index that names them. (Issue 15 widens this crawl to every screen of every role.)"""
    pages = [
        "/admin/",
        "/admin/axes/accessattempt/",
        "/admin/django_tasks_database/dbtaskresult/",
    ]
    english = {}
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200, page
        english[page] = interface_words(response.content.decode())
    index = admin_client.get("/admin/").content.decode()
    assert "محاولات تسجيل الدخول" in index and "المهام في الخلفية" in index
    assert {page: words for page, words in english.items() if words} == {}
