"""axe-core (vendored: the tests fetch nothing) on the page a test has loaded."""

import json
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page):
    """Run axe-core's WCAG 2.1 A/AA rules on the loaded page and return its results."""
    # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )


def check_page(page, artifacts_dir, stem):
    """Save a screenshot and axe's findings as `stem`; fail on a serious or critical problem
    or on a page wider than the screen."""
    results = run_axe(page)
    (artifacts_dir / f"a11y-{stem}.json").write_text(
        json.dumps(results["violations"], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    page.screenshot(path=artifacts_dir / f"{stem}.png", full_page=True)
    blocking = [
        f"[{v['impact']}] {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not blocking, "\n".join(blocking)
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert page.evaluate(overflow) == 0
