"""The news-traffic scenarios (bench_news.py): readers with wrk while the writers and the desk
work, each scenario adding one thing to the one before, in rounds (ABCD ABCD: a burst of other
work on the machine falls on one run of a scenario, not on all of them).

Per scenario: the median requests/s, p50 and p99 of its runs; the hit ratio over all their
responses (X-Page-Cache hit or stale for the page cache; X-Cache HIT or HIT-STALE through
Varnish); renders (pages Django drew, counted at the server by bench_wsgi.py) over the
invalidations the desk made (approvals and publications).
"""

import json
import os
import statistics
import subprocess
import time
from collections import Counter

from bench_env import PORT, PY, ROOT
from bench_traffic import PATHS, all_paths, warm
from bench_wrk import wrk_script

PHASE_SECONDS = int(os.environ.get("BENCH_NEWS_SECONDS", "15"))
ROUNDS = int(os.environ.get("BENCH_NEWS_ROUNDS", "2"))
LEAD_SECONDS = 5  # writers start first: their first comments take 3.5 s to write
COMMENTS_PER_SECOND, SPAM_PER_SECOND = 1, 10
APPROVE_EVERY, PUBLISH_EVERY = 3, 60
RENDERS_REDIS = ("4", "bench:renders")  # database and key of bench_wsgi's counter
LUA = ROOT / "scripts" / "news_traffic.lua"
SCRIPTS = ROOT / "scripts"
WORKING = {"desk": True, "comments": COMMENTS_PER_SECOND}
SCENARIOS = {
    "quiet": {},
    "commenters, moderator, editor": WORKING,
    "+ spam bot, 10 held comments/s": {**WORKING, "spam": SPAM_PER_SECOND},
    "+ a fresh ?fbclid= on every link": {**WORKING, "spam": SPAM_PER_SECOND, "fbclid": True},
}


def run_scenarios(base_url, port, env):
    """Warm every page once, then every scenario ROUNDS times; a row per scenario."""
    started = time.monotonic()
    statuses = warm(port, all_paths())
    seconds = round(time.monotonic() - started, 1)
    print(f"  warm-up: {sum(statuses.values())} pages in {seconds} s {statuses}", flush=True)
    runs = {name: [] for name in SCENARIOS}
    for round_ in range(1, ROUNDS + 1):
        for name, scenario in SCENARIOS.items():
            row = scenario_run(base_url, env, scenario)
            runs[name].append(row)
            print(f"  {round_}. {name:<34}{row['rps']:>9} req/s  p99 {row['p99_ms']} ms  hit "
                  f"ratio {row['hit_ratio']}  renders {row['renders']}", flush=True)  # fmt: skip
    table = {"warm_up": {"pages": sum(statuses.values()), "statuses": statuses,
                         "seconds": seconds}}  # fmt: skip
    return table | {name: combine(rows) for name, rows in runs.items()}


def scenario_run(base_url, env, scenario):
    """One run: the writers and the desk start, then the readers load for PHASE_SECONDS."""
    start = time.time() + LEAD_SECONDS
    workers = []
    if scenario.get("comments") or scenario.get("spam"):
        rates = [scenario.get("comments", 0), scenario.get("spam", 0)]
        workers.append(background(env, "bench_writers.py", PORT, LEAD_SECONDS + PHASE_SECONDS,
                                  *rates))  # fmt: skip
    if scenario.get("desk"):
        workers.append(background(env, "bench_desk.py", "work", start, PHASE_SECONDS,
                                  APPROVE_EVERY, PHASE_SECONDS / 2, PUBLISH_EVERY))  # fmt: skip
    time.sleep(max(0.0, start - time.time()))
    load_average = os.getloadavg()[0]  # other work on the machine shows here
    before = renders()
    args = [str(PATHS), *(["fbclid"] if scenario.get("fbclid") else [])]
    load, counts = wrk_script(base_url, LUA, args, seconds=PHASE_SECONDS)
    rendered = renders() - before
    reports = [finish(worker) for worker in workers]
    desk = next((r for r in reports if "approved" in r), {})
    writers = next((r for r in reports if "commenters" in r), {})
    return figures(load, counts, rendered, desk, writers) | {"load_average": load_average}


def figures(load, counts, rendered, desk, writers):
    """The row of one run: load, hits, renders and what the writers and the desk did."""
    answered = sum(counts.get(f"page_{v}", 0) for v in ("hit", "stale", "miss", "none"))
    if counts.get("edge_none", 0) < answered:  # through Varnish
        hits = counts.get("edge_hit", 0)
    else:
        hits = counts.get("page_hit", 0) + counts.get("page_stale", 0)
    invalidations = desk.get("approved", 0) + desk.get("published", 0)
    return {
        **load,
        "hits": hits,
        "responses": answered,
        "hit_ratio": ratio(hits, answered, 4),
        "renders": rendered,
        "invalidations": invalidations,
        "renders_per_invalidation": ratio(rendered, invalidations, 1),
        "counts": counts,
        "desk": {key: value for key, value in desk.items() if key != "seconds"},
        "desk_action_ms_max": round(max(desk.get("seconds") or [0]) * 1000),
        "writers": writers,
    }


def combine(rows):
    """A scenario's runs as one row: medians of the load figures, sums of the counts."""
    total = {key: sum(row[key] for row in rows) for key in
             ("hits", "responses", "renders", "invalidations", "non_2xx")}  # fmt: skip
    return {
        **{
            key: round(statistics.median(row[key] for row in rows), 2)
            for key in ("rps", "p50_ms", "p99_ms")
        },  # fmt: skip
        **total,
        "hit_ratio": ratio(total["hits"], total["responses"], 4),
        "renders_per_invalidation": ratio(total["renders"], total["invalidations"], 1),
        "load_average": round(max(row["load_average"] for row in rows), 1),
        "desk": add(row["desk"] for row in rows),
        "writers": writers_total([row["writers"] for row in rows]),
        "runs": rows,
    }


def writers_total(reports):
    if not any(reports):
        return {}
    return {
        "commenters": add(report["commenters"] for report in reports),
        "spam": add(report["spam"] for report in reports),
        "post_p99_ms": max(report["post_p99_ms"] or 0 for report in reports),
    }


def add(counters):
    total = Counter()
    for counter in counters:
        total.update(counter)
    return dict(total)


def ratio(part, whole, digits):
    return round(part / whole, digits) if whole else None


def background(env, script, *args):
    command = [PY, str(SCRIPTS / script), *(str(arg) for arg in args)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def finish(worker):
    output, _ = worker.communicate(timeout=120)
    if worker.returncode != 0:
        raise RuntimeError(f"{worker.args[1]} failed ({worker.returncode})")
    return json.loads(output.strip().splitlines()[-1])


def renders():
    database, key = RENDERS_REDIS
    out = subprocess.run(["redis-cli", "-n", database, "get", key], capture_output=True,
                         text=True, check=True).stdout.strip()  # fmt: skip
    return int(out or 0)
