"""Hostile input never stops an import: every XSS payload in posts and comments, a broken post.

An export built from the OWASP filter-evasion payloads once stopped import_wordpress at its
first batch: html.parser raised on markup such as '<![><img src="]>' in a comment. Now each
well-formed post arrives, a broken one is reported with its reason, and nothing a payload
carries runs on the article page, read as a browser reads it (html5lib).
"""

import re

import pytest
from bleach.html5lib_shim import HTMLParser

from articles.models import Article
from comments.models import Comment
from tests.wordpress.exports import run, wxr
from wordpress import batch as wordpress_batch
from wordpress import rows as wordpress_rows
from wordpress import text as wordpress_text

pytestmark = pytest.mark.django_db

# Beside the OWASP lines: the markup that stopped the import, in the forms a comment carries it.
OWN = [
    '<![><img src="]>',
    '<![><img src="]><script>alert(1)</script>',
    '<p>قبل</p><![><img src="]> onerror=alert(1)//<p>بعد</p>',
    '<!--<![><img src="]>-->',
]
# XML 1.0 cannot carry these at all, not even as character references: no export holds them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BROKEN_DATE = "2024-13-45 99:00:00"

# What runs, or loads from elsewhere, once a browser reads the page.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background",
                  "poster", "lowsrc", "dynsrc", "codebase", "values"}  # fmt: skip
SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data):")
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
DATA_TYPES = {"application/ld+json", "application/json", "importmap"}


@pytest.fixture
def payloads(fixtures_dir):
    """Every OWASP line as it is, those with U+00A0 with plain spaces, and our own."""
    text = (fixtures_dir / "xss" / "owasp-xss-filter-evasion.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    found = lines + [line.replace("\u00a0", " ") for line in lines if "\u00a0" in line] + OWN
    return [NOT_IN_XML.sub("", payload) for payload in found]


def cdata(value):
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(number, payload, *, title=None, date="2024-03-01 09:00:00"):
    """A published post with the payload in its title, body and excerpt, and one comment."""
    return f"""<item><title>{cdata(title or payload)}</title><dc:creator>hostile</dc:creator>
<content:encoded>{cdata(payload)}</content:encoded><excerpt:encoded>{cdata(payload)}</excerpt:encoded>
<wp:post_id>{number}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:comment_status>open</wp:comment_status>
<wp:comment><wp:comment_id>{number}</wp:comment_id>
<wp:comment_author>{cdata(payload)}</wp:comment_author>
<wp:comment_author_email>reader{number}@example.org</wp:comment_author_email>
<wp:comment_author_url>{cdata(payload)}</wp:comment_author_url>
<wp:comment_date_gmt>2024-03-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content>{cdata(payload)}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
</wp:comment></item>"""


def active_content(html):
    """What would run, or load from another site, in the page: as traps.ACTIVE_CONTENT."""
    found = []
    for element in HTMLParser(namespaceHTMLElements=False).parse(html).iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            name = name.lower() if isinstance(name, str) else name[1]
            value = re.sub(r"[\x00-\x20]", "", value).lower()
            scheme = SCRIPT_SCHEME.match(value) and not (
                tag == "img" and value.startswith("data:image/")
            )
            if name.startswith("on") or name == "srcdoc" or (name in URL_ATTRIBUTES and scheme):
                found.append(f"<{tag} {name}={value[:80]}>")
        if tag in EMBEDDING:
            found.append(f"<{tag}>")
        if tag == "script":
            src = element.get("src")
            if src is None:
                inline = element.get("type") not in DATA_TYPES
                found += [f"<script>{(element.text or '')[:80]}"] if inline else []
            elif not src.startswith("/") or src.startswith("//"):  # from another site
                found.append(f"<script src={src[:80]}>")
    return found


def comment_markup(html):
    """The elements inside each comment's text on the page: only <br> and links may be."""
    tree = HTMLParser(namespaceHTMLElements=False).parse(html)
    bodies = [div for div in tree.iter("div") if "comment-body" in div.get("class", "")]
    return bodies, {child.tag for body in bodies for child in body.iter() if child is not body}


def test_every_payload_imports_and_runs_nowhere_on_the_article_page(tmp_path, payloads, client):
    items = [item(n, payload) for n, payload in enumerate(payloads, start=1)]
    broken = len(payloads) + 1
    items.insert(len(items) // 2, item(broken, "<p>مقالة معطوبة</p>", title="Broken",
                                       date=BROKEN_DATE))  # fmt: skip
    path = tmp_path / "hostile.xml"
    path.write_text(wxr(items), encoding="utf-8")

    output = run(path)

    assert f"Posts: {len(payloads)} new, 0 unchanged" in output
    assert Article.objects.published().count() == len(payloads)
    assert Comment.objects.approved().count() == len(payloads)
    assert f"Skipped «Broken»: invalid date «{BROKEN_DATE}»" in output
    assert output.count("Skipped") == 1
    for article in Article.objects.published():
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200, article.external_id
        html = page.content.decode()
        assert not active_content(html), (article.external_id, active_content(html))
        bodies, markup = comment_markup(html)
        assert len(bodies) == 1 and markup <= {"br", "a"}, (article.external_id, markup)
        # The reader sees the comment's text as it is stored: text, never markup.
        assert "".join(bodies[0].itertext()) == article.comments.get().body


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three posts, so that a file of a few starts the pool of processes."""
    monkeypatch.setattr(wordpress_batch, "BATCH_SIZE", 3)


@pytest.mark.parametrize("pool", [True, False])
def test_a_post_whose_text_cannot_be_cleaned_is_skipped_saying_why(
    tmp_path, monkeypatch, small_batches, pool
):
    def fragile(item, *args):
        if item.title == "Boom":
            raise AssertionError("expected name token")
        return article_text(item, *args)

    article_text = wordpress_text.article_text
    # In the pool's workers (forked with this patch) and in this process, which tries again.
    monkeypatch.setattr(wordpress_text, "article_text", fragile)
    monkeypatch.setattr(wordpress_rows, "article_text", fragile)
    if not pool:
        monkeypatch.setattr(wordpress_text.threading, "active_count", lambda: 2)
    items = [item(n, f"<p>خبر {n}</p>", title="Boom" if n == 2 else f"Post {n}")
             for n in range(1, 6)]  # fmt: skip
    path = tmp_path / "boom.xml"
    path.write_text(wxr(items), encoding="utf-8")

    output = run(path)

    assert "Skipped «Boom»: unexpected error: AssertionError: expected name token" in output
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Post 1", "Post 3", "Post 4", "Post 5"
    }  # fmt: skip
    assert "Posts: 4 new" in output and Comment.objects.count() == 4
