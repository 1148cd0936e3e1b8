"""News traffic: readers over thousands of articles while the newsroom works, through the page
cache in the app and then through Varnish in front of it.

Readers (wrk, scripts/news_traffic.lua) follow bench_traffic's mix. Each scenario adds one
thing to the one before: commenters posting held comments (one a second), a moderator
approving one every few seconds and an editor publishing (bench_writers.py, bench_desk.py);
then a spam bot posting 10 held comments a second; then a fresh ?fbclid= on every link.
Renders are counted at the server (bench_wsgi.py), invalidations by the desk, hits from the
headers readers get. Then a page drawn after an invalidation: uncached, and with every cache
empty (Redis flushed).
"""

import contextlib
import os
import statistics
import subprocess
import time
from urllib.parse import quote, urlsplit

import servers
from bench_env import (
    ENV,
    OUT,
    PORT,
    PY,
    ROOT,
    SECONDS,
    THREADS,
    UNCACHED,
    WORKERS,
    flush_redis,
    url,
)
from bench_scenarios import PHASE_SECONDS, RENDERS_REDIS, ROUNDS, run_scenarios
from bench_traffic import fetch, write_traffic
from bench_wrk import wrk

VARNISH_PORT = int(os.environ.get("BENCH_VARNISH_PORT", "8780"))


def news_traffic():
    """Both halves (embedded cache, Varnish) and the page after an invalidation."""
    env = {
        **ENV,
        "PROXY_COUNT": "1",  # the writers' X-Forwarded-For: one address per reader
        "BENCH_RENDERS_REDIS": f"redis://127.0.0.1:6379/{RENDERS_REDIS[0]}",
    }
    _paths, articles = write_traffic()
    results = {
        "setup": {
            "articles_read": len(articles),
            "phase_seconds": PHASE_SECONDS,
            "rounds": ROUNDS,
            "top_article_share": round(articles[0]["weight"], 3),
            "top_100_share": round(sum(a["weight"] for a in articles[:100]), 3),
        }
    }
    print(f"News traffic ({ROUNDS} rounds of {PHASE_SECONDS} s a scenario), through the page "
          "cache:", flush=True)  # fmt: skip
    results["embedded"] = embedded_half(env)
    results["varnish"] = varnish_half(env)
    with site(env, "after"):
        results["after_invalidation"] = after_invalidation()
    return results


def embedded_half(env):
    flush_redis()
    with site(env, "embedded"):
        return run_scenarios(url("/").rstrip("/"), PORT, env)


def varnish_half(env):
    try:
        from varnish import Varnish, install_if_missing
    except ImportError:
        print("  scripts/varnish.py is not there: the Varnish half is skipped.", flush=True)
        return None
    if not install_if_missing():
        print("  Varnish could not be installed: the Varnish half is skipped.", flush=True)
        return None
    # The desk's changes are purged from Varnish by the task worker (core/purge.py). Both
    # halves start from empty caches (pages asked for through Varnish are other entries in
    # the app's cache anyway: the Host header differs).
    env = {**env, "VARNISH_PURGE_URLS": f"http://127.0.0.1:{VARNISH_PORT}"}
    flush_redis()
    with site(env, "varnish"):
        varnish = Varnish(VARNISH_PORT, backends=[("127.0.0.1", PORT)]).start()
        try:
            print(f"Through Varnish ({varnish.url}):", flush=True)
            return run_scenarios(varnish.url.rstrip("/"), urlsplit(varnish.url).port, env)
        finally:
            varnish.stop()


@contextlib.contextmanager
def site(env, name):
    """The app (granian, serving the counting application) and a task worker, as in
    production: the worker runs what the writes queue (notifications, going-live, purges)."""
    logs = {part: (OUT / f"news-{name}-{part}.log").open("w") for part in ("server", "worker")}
    server = start_app(env, logs["server"])
    command = [PY, "manage.py", "run_worker", "--interval", "0.2", "--no-reload"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                              stdout=logs["worker"], stderr=subprocess.STDOUT)  # fmt: skip
    try:
        yield
    finally:
        servers.stop(worker)
        servers.stop(server)
        for log in logs.values():
            log.close()


def start_app(env, log):
    """granian as servers.start_granian starts it, serving scripts/bench_wsgi.py."""
    command = [
        str(ROOT / ".venv" / "bin" / "granian"),
        "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(PORT),
        "--workers", str(WORKERS), "--blocking-threads", str(THREADS),
        "--log-level", "warning", "scripts.bench_wsgi:application",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=log,
                              stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        if servers.answers(PORT):
            return server
        time.sleep(0.2)
    servers.stop(server)
    raise RuntimeError(f"granian did not start on port {PORT}")


def after_invalidation():
    """A page drawn after its invalidation (the one request that redraws it, while the others
    get the previous copy): drawn in full, and with every cache empty (Redis flushed)."""
    print("Pages after an invalidation:", flush=True)
    drawn = {
        "home (uncached)": wrk(url("/"), UNCACHED, seconds=SECONDS, runs=1),
        "article (uncached)": wrk(url("/articles/seed/"), UNCACHED, seconds=SECONDS, runs=1),
    }
    for name, row in drawn.items():
        print(f"  {name:<22} {row['rps']:>9} req/s  p50 {row['p50_ms']} ms  non-2xx "
              f"{row['non_2xx']}", flush=True)  # fmt: skip
    for name, path in (("home (cold)", "/"), ("article (cold)", "/articles/seed/")):
        drawn[name] = cold(path)
        print(f"  {name:<22} one request at a time: p50 {drawn[name]['p50_ms']} ms", flush=True)
    return drawn


def cold(path, times=5):
    """One request at a time, each after emptying Redis: the page, its parts, the settings,
    the tags' versions, all read again from PostgreSQL (whose own buffers stay warm)."""
    seconds = []
    for _ in range(times):
        flush_redis()
        started = time.monotonic()
        fetch(PORT, quote(path))
        seconds.append(time.monotonic() - started)
    return {
        "p50_ms": round(statistics.median(seconds) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
        "requests": times,
    }
