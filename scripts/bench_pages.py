"""Each page under load: the moderation queue as the table grows, reader pages cached and not,
the article page as its comments grow, one client at a time, SQL queries per page."""

import json

from bench_env import (
    UNCACHED,
    generate,
    manage,
    staff_cookie,
    start_server,
    stop_server,
    url,
    worker_peak_memory,
)
from bench_wrk import wrk

QUEUE = "/admin/comments/comment/?status=pending"
STAGES = (10_000, 100_000, 200_000)
PAGES = {
    "article (uncached, every feature)": ("/articles/seed/", UNCACHED),
    "article (page cache, anonymous)": ("/articles/seed/", None),
    "home (page cache)": ("/", None),
    "home (uncached)": ("/", UNCACHED),
    "section page (uncached)": ("/sections/القسم-3/", UNCACHED),
    "search مدرسه (uncached)": ("/search/?q=مدرسه", UNCACHED),
    "feed /feed/ (uncached)": ("/feed/", UNCACHED),
    "moderation queue (moderator)": (QUEUE, "staff"),
}
QUERIED = [
    "/articles/seed/",
    "/articles/comments-0/",
    "/articles/comments-5000/",
    "/",
    "/sections/القسم-3/",
    "/search/?q=مدرسه",
    "/feed/",
    "staff:" + QUEUE,
]


def measure_pages(results):
    """Every measurement of single pages; leaves the data at its last stage (200,000)."""
    server = None
    try:
        for stage in STAGES:
            generate(stage)
            server = start_server()
            staff = staff_cookie()
            print(f"Moderation queue at {stage:,} comments:", flush=True)
            results["queue_growth"][stage] = wrk(url(QUEUE), staff, runs=1)
            if stage != STAGES[-1]:
                stop_server(server)
                server = None
        print("Pages at 20,000 articles and 200,000 comments:", flush=True)
        results["pages"] = measure_site(PAGES, staff)
        results["article_growth"] = article_growth()
        results["one_client"] = one_client(staff)
        results["peak_worker_memory_mb"] = worker_peak_memory(server)
    finally:
        if server:
            stop_server(server)
    results["queries"] = json.loads(manage("bench_queries", *QUERIED, capture=True))


def measure_site(pages, staff):
    table = {}
    for name, (path, cookie) in pages.items():
        cookie = staff if cookie == "staff" else cookie
        table[name] = wrk(url(path), cookie)
        print(f"  {name:<32} {table[name]['rps']:>9} req/s", flush=True)
    return table


def article_growth():
    return {
        count: wrk(url(f"/articles/{slug}/"), UNCACHED, runs=1)
        for slug, count in (("comments-0", 0), ("seed", 200), ("comments-5000", 5000))
    }


def one_client(staff):
    """Latency as one person sees it (one client at a time), for the latency targets."""
    return {
        "search": wrk(url("/search/?q=مدرسه"), UNCACHED, connections=1),
        "moderation queue": wrk(url(QUEUE), staff, connections=1),
        "article (uncached)": wrk(url("/articles/seed/"), UNCACHED, connections=1),
    }
