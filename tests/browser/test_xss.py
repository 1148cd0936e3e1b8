"""Every OWASP filter-evasion payload, and our own, through the reader's and the editor's
doors, opened in Chromium: no dialog, no console error, no request to another host, no active
content left in the DOM (tests/browser/traps.py). The admin's form and the WordPress import
are in test_xss_doors.py."""

import pytest

from articles.ingest import import_document
from articles.models import Article
from comments.models import Comment, DiscussionSettings
from tests.browser.traps import WEBSITES, payloads, trapped_pages
from tests.factories import ArticleFactory, CategoryFactory, SourceFactory
from tests.feeds import feed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def traps(browser, live_server):
    yield from trapped_pages(browser, live_server.url)


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
            url=WEBSITES[number % len(WEBSITES)] if number % 2 else "",
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


def test_no_payload_runs_or_reaches_another_host(traps, hostile_site):
    article, section = hostile_site
    imported = Article.objects.filter(source__isnull=False).first()
    trap = traps()
    for page in [article, section, imported]:
        trap.open(page.get_absolute_url())
    trap.open("/")
    assert not trap.problems, trap.report()
