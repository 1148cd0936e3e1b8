"""What every part of `make bench` shares: its settings, the database, the server, manage.py."""

import os
import re
import subprocess
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
DB = os.environ.get("BENCH_DATABASE", "newsroom_bench")
REDIS_DB = "3"
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
    "DEMO_APP": "true",
    "SECRET_KEY": "bench-" + "x" * 60,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "false",
}
# A cookie that makes a request skip the shared page cache: the full page is rendered.
UNCACHED = "comment_author=bench"


def manage(*args, capture=False, env=None):
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env or ENV,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def psql(*args, database="postgres"):
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", database, *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def prepare_database():
    exists = psql("-Atc", f"select 1 from pg_database where datname='{DB}'").strip()
    if exists and os.environ.get("BENCH_FRESH") == "1":
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
        exists = ""
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")


def generate(comments):
    output = manage(
        "bench_data", "--comments", str(comments), "--seed-article", str(SEED), capture=True
    )
    print(output.strip(), flush=True)
    flush_redis()
    psql("-qc", "vacuum analyze", database=DB)


def flush_redis():
    """Empty the shared cache: the page cache, the tags' versions, every cached value."""
    subprocess.run(["redis-cli", "-n", REDIS_DB, "flushdb"], check=True, capture_output=True)


def start_server(env=None):
    return servers.start_granian(PORT, env or ENV, workers=WORKERS, threads=THREADS)


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


def url(path, port=PORT):
    return f"http://127.0.0.1:{port}" + quote(path, safe="/?=&%")
