"""`make bench`: newsroom at newsroom scale, served as in production, loaded with wrk.

Generates data in PostgreSQL (20,000 articles in 50 sections, up to 200,000 comments, 10 %
held; the seed article with 200 comments), serves it with granian (prod settings, whitenoise,
Redis cache), loads each page from a second process with wrk on 127.0.0.1 for a bounded time,
and prints medians of several runs with SQL queries per page and peak memory per worker. With
the WordPress anchor (../shared/anchors/wordpress) it measures WordPress in the same run.
Writes var/bench/results.json. This is a benchmark: nothing here asserts a time.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import servers

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
OUT = ROOT / "var" / "bench"
SHARED = Path(os.environ.get("NEWSROOM_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "fixtures" / "seed-article-ar.txt"
ANCHOR = SHARED / "anchors" / "wordpress"
PORT = int(os.environ.get("BENCH_PORT", "8700"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WXR_ITEMS = int(os.environ.get("BENCH_WXR_ITEMS", "10000"))
DB = os.environ.get("BENCH_DATABASE", "newsroom_bench")
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
    "DEMO_APP": "true",
    "SECRET_KEY": "bench-" + "x" * 60,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "false",
}
# A cookie that makes a request skip the shared page cache: the full page is rendered.
UNCACHED = "comment_author=bench"


def manage(*args, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=capture, text=True
    )
    return result.stdout


def prepare_database():
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-Atc",
            f"select 1 from pg_database where datname='{DB}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists and os.environ.get("BENCH_FRESH") == "1":
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
        exists = ""
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")


def generate(comments):
    print(
        manage(
            "bench_data", "--comments", str(comments), "--seed-article", str(SEED), capture=True
        ).strip(),
        flush=True,
    )
    subprocess.run(["redis-cli", "-n", "3", "flushdb"], check=True, capture_output=True)
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", DB, "-qc", "vacuum analyze"], check=True
    )


def start_server():
    return servers.start_granian(PORT, ENV, workers=WORKERS, threads=THREADS)


def stop_server(server):
    servers.stop(server)


def worker_peak_memory(server):
    """Peak resident memory (VmHWM) of each worker, in MB."""
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
    return round(max(peaks), 1) if peaks else None


def wrk(url, cookie=None, seconds=SECONDS, runs=RUNS, connections=16):
    """Median requests/s, p50 and p99 (ms) of several wrk runs against a loopback URL."""
    assert url.startswith("http://127.0.0.1:"), url
    results = []
    for _ in range(runs):
        threads = min(2, connections)
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                   "--latency", url]  # fmt: skip
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        results.append(
            (rps, latency(out, "50%"), latency(out, "99%"), int(errors.group(1)) if errors else 0)
        )
    return {
        "rps": round(statistics.median(r[0] for r in results), 1),
        "p50_ms": round(statistics.median(r[1] for r in results), 2),
        "p99_ms": round(statistics.median(r[2] for r in results), 2),
        "non_2xx": sum(r[3] for r in results),
        "runs": [r[0] for r in results],
    }


def latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def staff_cookie():
    code = (
        "from django.contrib.auth import get_user_model as g;"
        "from django.contrib.sessions.backends.db import SessionStore as S;"
        "u=g().objects.get(username='bench-moderator');s=S();"
        "s['_auth_user_id']=str(u.pk);"
        "s['_auth_user_backend']='django.contrib.auth.backends.ModelBackend';"
        "s['_auth_user_hash']=u.get_session_auth_hash();s.create();print(s.session_key)"
    )
    return "sessionid=" + manage("shell", "-v0", "-c", code, capture=True).strip()


def url(path):
    return f"http://127.0.0.1:{PORT}" + quote(path, safe="/?=&%")


def measure_site(pages, staff):
    table = {}
    for name, (path, cookie) in pages.items():
        cookie = staff if cookie == "staff" else cookie
        table[name] = wrk(url(path), cookie)
        print(f"  {name:<32} {table[name]['rps']:>9} req/s", flush=True)
    return table


def wxr_import_speed(items=WXR_ITEMS):
    """Items per second importing a generated WXR file (5 comments an item) into a fresh DB."""
    database = DB + "_wxr"
    path = OUT / f"bench-{items}.xml"
    subprocess.run(
        [
            PY,
            "-c",
            f"from demo.wxr_bench import write_wxr; write_wxr({str(path)!r}, items={items})",
        ],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", database], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    env = {**ENV, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"}
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run(
        [PY, "manage.py", "import_wordpress", str(path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.monotonic() - started
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    return {
        "items": items,
        "comments": items * 5,
        "seconds": round(seconds, 1),
        "items_per_second": round(items / seconds, 1),
    }


def wordpress():
    if os.environ.get("BENCH_WORDPRESS", "1") != "1" or not (ANCHOR / "up.sh").exists():
        return None
    print("Starting the WordPress anchor (first run installs Debian packages)…", flush=True)
    up = subprocess.run(["bash", str(ANCHOR / "up.sh")], capture_output=True, text=True)
    if up.returncode != 0:
        print("  WordPress anchor failed to start; skipped.\n" + up.stderr[-2000:], flush=True)
        return None
    article = up.stdout.strip().splitlines()[-1]
    results = {
        "article_uncached": wrk_any(article, 15, 1),
        "static_copy": wrk_any("http://127.0.0.1:8082/index.html", SECONDS, RUNS),
    }
    subprocess.run(["bash", str(ANCHOR / "down.sh")], capture_output=True)
    return results


def wrk_any(target, seconds, runs):
    port_url = target if target.startswith("http://127.0.0.1:") else None
    return wrk(port_url, seconds=seconds, runs=runs) if port_url else None


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    prepare_database()
    results = {"queue_growth": {}, "article_growth": {}}
    server = None
    try:
        for stage in (10_000, 100_000, 200_000):
            generate(stage)
            server = start_server()
            staff = staff_cookie()
            print(f"Moderation queue at {stage:,} comments:", flush=True)
            results["queue_growth"][stage] = wrk(
                url("/admin/comments/comment/?status=pending"), staff, runs=1
            )
            if stage != 200_000:
                stop_server(server)
                server = None
        pages = {
            "article (uncached, every feature)": ("/articles/seed/", UNCACHED),
            "article (page cache, anonymous)": ("/articles/seed/", None),
            "home (page cache)": ("/", None),
            "home (uncached)": ("/", UNCACHED),
            "section page (uncached)": ("/sections/القسم-3/", UNCACHED),
            "search مدرسه (uncached)": ("/search/?q=مدرسه", UNCACHED),
            "feed /feed/ (uncached)": ("/feed/", UNCACHED),
            "moderation queue (moderator)": ("/admin/comments/comment/?status=pending", "staff"),
        }
        print("Pages at 20,000 articles and 200,000 comments:", flush=True)
        results["pages"] = measure_site(pages, staff)
        for slug, count in (("comments-0", 0), ("seed", 200), ("comments-5000", 5000)):
            results["article_growth"][count] = wrk(url(f"/articles/{slug}/"), UNCACHED, runs=1)
        # Latency as one person sees it (one client at a time), for the latency targets.
        results["one_client"] = {
            "search": wrk(url("/search/?q=مدرسه"), UNCACHED, connections=1),
            "moderation queue": wrk(
                url("/admin/comments/comment/?status=pending"), staff, connections=1
            ),
            "article (uncached)": wrk(url("/articles/seed/"), UNCACHED, connections=1),
        }
        results["peak_worker_memory_mb"] = worker_peak_memory(server)
    finally:
        if server:
            stop_server(server)
    results["queries"] = json.loads(
        manage(
            "bench_queries",
            "/articles/seed/",
            "/articles/comments-0/",
            "/articles/comments-5000/",
            "/",
            "/sections/القسم-3/",
            "/search/?q=مدرسه",
            "/feed/",
            "staff:/admin/comments/comment/?status=pending",
            capture=True,
        )
    )
    print("Importing a generated WordPress export…", flush=True)
    results["wxr_import"] = wxr_import_speed()
    results["wordpress"] = wordpress()
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    report(results)


def report(results):
    print("\n== newsroom, 2 cores, wrk -t2 -c16, medians of runs ==")
    print(f"{'page':<36}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for name, row in results["pages"].items():
        print(
            f"{name:<36}{row['rps']:>10}{row['p50_ms']:>10}{row['p99_ms']:>10}{row['non_2xx']:>9}"
        )
    print("\nSQL queries per page (uncached render):")
    for path, row in results["queries"].items():
        print(f"  {path:<52} {row['queries']:>3}  (HTTP {row['status']})")
    print("\nArticle page (uncached) by comment count:")
    for count, row in results["article_growth"].items():
        print(f"  {count:>6} comments: {row['rps']:>8} req/s  p50 {row['p50_ms']} ms")
    print("Moderation queue by table size:")
    for count, row in results["queue_growth"].items():
        print(f"  {count:>7} comments: {row['rps']:>8} req/s  p50 {row['p50_ms']} ms")
    print("One client at a time (latency as a person sees it):")
    for name, row in results["one_client"].items():
        print(f"  {name:<22} p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms  ({row['rps']} req/s)")
    print(f"Peak memory per worker: {results['peak_worker_memory_mb']} MB")
    wxr = results["wxr_import"]
    print(
        f"WordPress import: {wxr['items']} items with {wxr['comments']} comments in "
        f"{wxr['seconds']} s: {wxr['items_per_second']} items/s"
    )
    wp = results.get("wordpress")
    if wp and wp.get("article_uncached"):
        ours_uncached = results["pages"]["article (uncached, every feature)"]["rps"]
        ours_cached = results["pages"]["article (page cache, anonymous)"]["rps"]
        print(
            f"\nWordPress article uncached: {wp['article_uncached']['rps']} req/s; "
            f"newsroom uncached is {ours_uncached / wp['article_uncached']['rps']:.0f}x that."
        )
        print(
            f"nginx static copy: {wp['static_copy']['rps']} req/s; newsroom cached is "
            f"{ours_cached / wp['static_copy']['rps']:.2f} of that."
        )
    print(f"\nFull results: {OUT / 'results.json'}")


if __name__ == "__main__":
    sys.exit(main())
