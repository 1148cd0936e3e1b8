"""`make bench`: newsroom at newsroom scale, served as in production, loaded with wrk.

Generates data in PostgreSQL (20,000 articles in 50 sections, up to 200,000 comments, 10 %
held; the seed article with 200 comments), serves it with granian (prod settings, whitenoise,
Redis cache), loads each page from a second process with wrk on 127.0.0.1 for a bounded time,
and prints medians of several runs with SQL queries per page and peak memory per worker
(bench_pages). Then news traffic: readers over 3,000 articles while commenters, a moderator,
an editor and a spam bot work, through the page cache and through Varnish (bench_news). With
the WordPress anchor (../shared/anchors/wordpress) it measures WordPress in the same run.
Writes var/bench/results.json. This is a benchmark: nothing here asserts a time.

BENCH_ONLY=news runs only the news traffic (and the WordPress anchor, its comparison).
"""

import json
import os
import subprocess
import sys

from bench_env import ENV, OUT, PY, ROOT, generate, prepare_database
from bench_news import news_traffic
from bench_pages import STAGES, measure_pages
from bench_report import report
from bench_wordpress import wordpress, wxr_import_speed

ONLY = os.environ.get("BENCH_ONLY", "")


def main():
    if ONLY not in ("", "news"):
        sys.exit(f"BENCH_ONLY={ONLY}: only 'news' is known")
    OUT.mkdir(parents=True, exist_ok=True)
    prepare_database()
    # What an earlier run's writers added (comments, articles) goes before counting.
    subprocess.run([PY, "scripts/bench_desk.py", "reset"], cwd=ROOT, env=ENV, check=True)
    results = previous_results() if ONLY else {}
    if ONLY:
        generate(STAGES[-1])
    else:
        results.update(queue_growth={}, article_growth={})
        measure_pages(results)
    results["news_traffic"] = news_traffic()
    if not ONLY:
        print("Importing a generated WordPress export…", flush=True)
        results["wxr_import"] = wxr_import_speed()
    results["wordpress"] = wordpress()
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    report(results if not ONLY else {key: results[key] for key in ("news_traffic", "wordpress")})


def previous_results():
    """A partial run keeps the figures of the last full one beside its own."""
    path = OUT / "results.json"
    return json.loads(path.read_text()) if path.exists() else {}


if __name__ == "__main__":
    sys.exit(main())
