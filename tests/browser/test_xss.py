"""Every OWASP filter-evasion payload, and our own, through the reader's and the editor's
doors, opened in Chromium: no dialog, no console error, no request to another host."""

from urllib.parse import urlsplit

import pytest

from articles.ingest import import_document
from comments.models import Comment, DiscussionSettings
from tests.articles.test_ingest import feed
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN = [
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "\u202e<b onmouseover=alert(1)>override</b>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "javascript:alert(1)",
]


def payloads(fixtures_dir):
    lines = (fixtures_dir / "xss" / "owasp-xss-filter-evasion.txt").read_text(encoding="utf-8")
    found = [line for line in lines.splitlines() if line.strip()] + OWN
    return found + [line.replace("\u00a0", " ") for line in found if "\u00a0" in line]


@pytest.fixture
def hostile_site(fixtures_dir):
    attacks = payloads(fixtures_dir)
    DiscussionSettings.objects.update_or_create(pk=1, defaults={"per_page": 1000})
    section = CategoryFactory(name="قسم")
    article = ArticleFactory(
        category=section,
        title="مقالة " + attacks[0][:200],
        body="".join(f"<p>{attack}</p>" for attack in attacks),
    )
    for number, attack in enumerate(attacks):
        Comment.objects.create(
            article=article,
            name=attack[:245],
            email=f"x{number}@example.com",
            url="javascript:alert(1)" if number % 2 else "",
            body=attack,
            status="approved",
        )
    for attack in attacks[:40]:
        ArticleFactory(category=section, title=attack[:300], excerpt=attack[:1000])
    source = SourceFactory(publish_directly=True, default_category=section)
    import_document(
        feed(
            *[
                {"title": f"<![CDATA[{a}]]>", "guid": f"g{n}", "description": f"<![CDATA[{a}]]>"}
                for n, a in enumerate(attacks)
                if "]]>" not in a
            ]
        ),
        source=source,
    )
    return article, section


def visit(page, url, live_server):
    dialogs, foreign = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", guard)
    page.goto(live_server.url + url)
    page.mouse.move(200, 200)
    page.wait_for_timeout(300)
    return dialogs, foreign


@pytest.mark.parametrize("which", ["article", "home", "section", "feed item"])
def test_no_payload_runs_or_reaches_another_host(page, live_server, hostile_site, which):
    article, section = hostile_site
    from articles.models import Article

    url = {
        "article": article.get_absolute_url(),
        "home": "/",
        "section": section.get_absolute_url(),
        "feed item": Article.objects.filter(source__isnull=False).first().get_absolute_url(),
    }[which]
    dialogs, foreign = visit(page, url, live_server)
    assert dialogs == []
    assert foreign == []
    # A payload's broken relative image address asks our own server for a missing file (404):
    # harmless. Any other console error (a CSP refusal above all) means something got through.
    missing_file = "Failed to load resource: the server responded with a status of 404"
    assert [error for error in page.errors if not error.startswith(missing_file)] == []
