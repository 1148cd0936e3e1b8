"""WordPress in the same run: the anchor site measured beside us, and importing an export."""

import os
import subprocess
import time

from bench_env import ANCHOR, DB, ENV, OUT, PY, ROOT, RUNS, SECONDS
from bench_wrk import wrk

WXR_ITEMS = int(os.environ.get("BENCH_WXR_ITEMS", "10000"))


def wxr_import_speed(items=WXR_ITEMS):
    """Items per second importing a generated WXR file (5 comments an item) into a fresh DB."""
    database = DB + "_wxr"
    path = OUT / f"bench-{items}.xml"
    write = f"from demo.wxr_bench import write_wxr; write_wxr({str(path)!r}, items={items})"
    subprocess.run([PY, "-c", write], cwd=ROOT, check=True)
    postgres = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", "--if-exists", *postgres, database], check=True)
    subprocess.run(["createdb", *postgres, database], check=True)
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
    subprocess.run(["dropdb", *postgres, database], check=True)
    return {
        "items": items,
        "comments": items * 5,
        "seconds": round(seconds, 1),
        "items_per_second": round(items / seconds, 1),
    }


def wordpress():
    """WordPress's article page uncached and nginx's static copy of it, or None."""
    if os.environ.get("BENCH_WORDPRESS", "1") != "1" or not (ANCHOR / "up.sh").exists():
        return None
    print("Starting the WordPress anchor (first run installs Debian packages)…", flush=True)
    up = subprocess.run(["bash", str(ANCHOR / "up.sh")], capture_output=True, text=True)
    if up.returncode != 0:
        print("  WordPress anchor failed to start; skipped.\n" + up.stderr[-2000:], flush=True)
        return None
    article = up.stdout.strip().splitlines()[-1]
    try:
        return {
            "article_uncached": wrk_any(article, 15, 1),
            "static_copy": wrk_any("http://127.0.0.1:8082/index.html", SECONDS, RUNS),
        }
    finally:
        subprocess.run(["bash", str(ANCHOR / "down.sh")], capture_output=True)


def wrk_any(target, seconds, runs):
    port_url = target if target.startswith("http://127.0.0.1:") else None
    return wrk(port_url, seconds=seconds, runs=runs) if port_url else None
