"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the reader's pages."""

import json

import pytest

from tests.browser.axe import run_axe
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory
from tests.seed import build_seed_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Vendored (see vendor/README.txt) and injected from disk: the tests fetch nothing.
BLOCKING = {"serious", "critical"}

PAGES = [
    pytest.param("home", lambda article: "/", id="home"),
    pytest.param("section", lambda article: article.category.get_absolute_url(), id="section"),
    pytest.param("article", lambda article: article.get_absolute_url(), id="article"),
    pytest.param("search", lambda article: "/search/?q=مدرسه", id="search"),
]
WIDTHS = [pytest.param("desktop", DESKTOP, id="desktop"), pytest.param("phone", PHONE, id="phone")]


@pytest.fixture
def seed_article(fixtures_dir):
    text = (fixtures_dir / "seed-article-ar.txt").read_text(encoding="utf-8")
    # The seed says nothing of schools: this one gives the search page a result to show.
    ArticleFactory(title="افتتاح المدرسة الجديدة", body="<p>افتتحت المدرسة أبوابها اليوم.</p>")
    return build_seed_article(text)[1]


def describe(violations):
    """One line per violation, with the first few elements it was found on."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f" -> {', '.join(targets[:3])}{more}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize(("width", "viewport"), WIDTHS)
@pytest.mark.parametrize(("name", "path"), PAGES)
def test_page_has_no_serious_accessibility_violations(
    page, live_server, seed_article, artifacts_dir, name, path, width, viewport
):
    page.set_viewport_size(viewport)
    response = page.goto(live_server.url + path(seed_article))
    assert response.status == 200, f"{name} page answered {response.status}"

    results = run_axe(page)
    stem = f"a11y-{name}-{width}"
    page.screenshot(path=artifacts_dir / f"{stem}.png", full_page=True)
    (artifacts_dir / f"{stem}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )

    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on the {name} page ({width}):\n{describe(blocking)}"
