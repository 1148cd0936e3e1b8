"""`make soak`: 60 s of readers and commenters against two production servers, with faults.

Two granian servers (prod settings) share a private PostgreSQL and Redis, behind a private
Varnish that they purge by tag; a task worker runs the queue. While readers load both
servers and Varnish, and commenters post through Varnish, the soak kills the worker in the
middle of a task, stops Redis and brings it back, restarts PostgreSQL, and publishes an article
and approves comments through one server while watching the other. It then counts: requests
and 5xx, comments answered with success vs stored (none lost, none twice), recovery times.
Loopback only; bounded in time (SOAK_SECONDS, default 60). Exits non-zero on any loss.
"""

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import servers
from soak_client import Client
from soak_services import HangingFeed, MailSink, Postgres, Redis
from varnish import Varnish, install_if_missing

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
READERS = int(os.environ.get("SOAK_READERS", "8"))
COMMENTERS = int(os.environ.get("SOAK_COMMENTERS", "6"))
PORTS = (8101, 8102)
VARNISH = 8103  # in front of both servers; in the soak's records it is "server" 2
THROUGH_VARNISH = 2
LOGS = ROOT / "var" / "soak"
UNAVAILABLE = "الموقع غير متاح مؤقتًا"
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة</title>
<item><title>خبر الطابور الأول</title><guid>soak-1</guid><description>نص</description></item>
<item><title>خبر الطابور الثاني</title><guid>soak-2</guid><description>نص</description></item>
</channel></rss>""".encode()


class Soak:
    def __init__(self):
        self.postgres = Postgres("/tmp/newsroom-soak/pg", 5499)
        self.redis = Redis(6399)
        self.mail = MailSink()
        self.feed = HangingFeed(FEED)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
            "DEMO_APP": "true",
            "SECRET_KEY": "soak-" + "k" * 60,
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
            "ALLOWED_HOSTS": "127.0.0.1",
            # The soak plays the TLS proxy, then Varnish adds its hop: the reader is the entry
            # two hops from the right of X-Forwarded-For.
            "PROXY_COUNT": "2",
            "VARNISH_PURGE_URLS": f"http://127.0.0.1:{VARNISH}",
            "TASKS_BACKEND": "database",
            "WORKER_BEAT_SECONDS": "0.5",
            "WORKER_STALE_SECONDS": "3",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.mail.server_address[1]),
            "SOAK_FEED_URL": self.feed.url,
            "FEEDS_FROM_PRIVATE_ADDRESSES": "true",  # the soak's news source is on loopback
        }
        self.start = None
        self.stopping = threading.Event()
        self.requests = []  # (t, server, kind, status, arabic 503 page?, X-Page-Cache)
        self.comments = []  # (t, marker, status)
        self.figures = {}
        self.workers = []

    def now(self):
        return time.monotonic() - self.start

    # --- setting up -------------------------------------------------------------------

    def manage(self, *args, capture=False):
        result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
                                capture_output=capture, text=True)  # fmt: skip
        return result.stdout

    def prepare(self):
        LOGS.mkdir(parents=True, exist_ok=True)
        print("soak: private PostgreSQL (port 5499) and Redis (port 6399), demo content…")
        self.postgres.create()
        self.redis.start()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo", capture=True)
        setup = (ROOT / "scripts" / "soak_setup.py").read_text()
        self.data = json.loads(self.manage("shell", "-c", setup, capture=True).splitlines()[-1])
        self.servers = [
            servers.start_granian(port, self.env, log=LOGS / f"server-{name}.log")
            for name, port in zip("AB", PORTS, strict=True)
        ]
        if not install_if_missing():
            raise SystemExit("soak: Varnish could not be installed")
        backends = [("127.0.0.1", port) for port in PORTS]
        self.varnish = Varnish(VARNISH, backends, log=LOGS / "varnish.log").start()
        self.start_worker()

    def start_worker(self):
        command = [PY, "manage.py", "run_worker", "--interval", "0.2", "--no-reload"]
        log = open(LOGS / f"worker-{len(self.workers) + 1}.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True,
                                  stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        self.workers.append(worker)
        return worker

    def shut_down(self):
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(30)
        if getattr(self, "varnish", None):
            self.varnish.stop()
        for server in getattr(self, "servers", []):
            servers.stop(server)
        self.feed.release.set()
        self.redis.stop()
        self.postgres.stop()

    # --- load ---------------------------------------------------------------------------

    def reader(self, number):
        ports = [*PORTS, VARNISH]
        clients = [Client(port, f"10.1.{number}.{n}") for n, port in enumerate(ports, 1)]
        while not self.stopping.is_set():
            server = random.randrange(len(ports))
            kind, path = self.pick_page()
            self.fetch(clients[server], server, kind, path)

    def pick_page(self):
        roll = random.random()
        if roll < 0.4:
            return "article", random.choice(self.data["articles"])[1]
        if roll < 0.55:
            return "home", "/"
        if roll < 0.7:
            return "section", random.choice(self.data["sections"])
        if roll < 0.9:  # a new query every time: a cache miss that needs the database
            return "search", "/search/?q=" + urllib.parse.quote(f"خبر {random.randrange(10**6)}")
        return "feed", "/feed/"

    def fetch(self, client, server, kind, path):
        try:
            response = client.get(path)
        except OSError:
            self.requests.append((self.now(), server, kind, "no answer", None, None))
            return None
        arabic = UNAVAILABLE in response.text if response.status == 503 else None
        cached = response.headers.get("X-Page-Cache")
        if server == THROUGH_VARNISH:  # Varnish's own verdict; a kept copy repeats the app's
            cached = "varnish " + str(response.headers.get("X-Cache"))
        self.requests.append((self.now(), server, kind, response.status, arabic, cached))
        return response

    def commenter(self, number):
        sequence = 0
        while not self.stopping.is_set():
            sequence += 1
            server = THROUGH_VARNISH  # as readers do: the comment form posts to the site's address
            client = Client(VARNISH, f"10.2.{number}.{sequence % 250 + 1}")
            article_id, url = random.choice(self.data["articles"])
            token = self.fetch(client, server, "form-token", "/comments/form-token/")
            if token is None or token.status != 200:
                time.sleep(0.5)
                continue
            fields = json.loads(token.body)
            if self.stopping.wait(3.2):  # people take more than 3 s to write (the form checks)
                return
            marker = f"soak-{uuid.uuid4().hex[:12]}"
            form = {
                "csrfmiddlewaretoken": fields["csrf"],
                "issued": fields["issued"],
                "name": f"قارئ {number}-{sequence}",
                "email": f"reader{number}.{sequence}@example.net",
                "body": f"{marker} تعليق من قارئ أثناء اختبار التحمل رقم {sequence}",
            }
            try:
                status = client.post(f"/comments/post/{article_id}/", form).status
            except OSError:
                status = "no answer"
            self.comments.append((self.now(), marker, status))
            self.requests.append((self.now(), server, "comment", status, None, None))

    def probe(self, server):
        """Asks one server for a page that needs the database, ten times a second."""
        client = Client(PORTS[server], f"10.3.0.{server + 1}")
        while not self.stopping.is_set():
            path = "/search/?q=" + urllib.parse.quote(f"مسبار {random.randrange(10**6)}")
            self.fetch(client, server, "probe", path)
            time.sleep(0.1)

    # --- faults ---------------------------------------------------------------------------

    def kill_worker_mid_task(self):
        self.manage("periodic", capture=True)  # queues feed polling; the feed never answers
        if not self.feed.first_arrived.wait(20):
            raise SystemExit("soak: the worker never started the feed task")
        victim = self.workers[-1]
        os.killpg(victim.pid, signal.SIGKILL)
        killed = self.now()
        self.feed.release.set()
        self.start_worker()
        status = ""
        while self.now() - killed < 30:
            status = self.postgres_value(
                "select status from django_tasks_database_dbtaskresult "
                "where task_path like '%poll_sources' order by enqueued_at desc limit 1"
            )
            if status in ("SUCCESSFUL", "FAILED"):
                break
            time.sleep(0.2)
        self.figures["worker"] = {
            "killed_at_s": round(killed, 1),
            "task_finished_after_s": round(self.now() - killed, 1),
            "task_status": status,
            "feed_articles": self.postgres_value(
                "select count(*) from articles_article where title like 'خبر الطابور%'"
            ),
        }

    def postgres_value(self, sql):
        try:
            return self.postgres.query(sql)
        except subprocess.CalledProcessError:
            return None  # the database may be the thing being restarted

    def stop_redis(self, seconds):
        self.redis.stop()
        down = self.now()
        time.sleep(seconds)
        self.redis.start()
        self.figures["redis"] = {"down_at_s": round(down, 1), "up_at_s": round(self.now(), 1)}

    def restart_postgres(self, seconds):
        down = self.now()
        self.postgres.stop()
        time.sleep(seconds)
        self.postgres.start()
        up = self.now()
        self.figures["postgres"] = {"down_at_s": round(down, 1), "up_at_s": round(up, 1)}

    def two_servers(self, held, publish):
        """Publish (if asked) and approve through server A; watch server B."""
        editor_a, editor_b = Client(PORTS[0], "10.9.0.1"), Client(PORTS[1], "10.9.0.1")
        editor_a.log_in("admin/", "admin", "newsroom-demo")
        editor_b.cookies = dict(editor_a.cookies)  # one session, shared through PostgreSQL
        figures = {}
        if publish:
            on_b, through_varnish = self.publish_through_a(editor_a)
            figures["publish_visible_on_b_s"] = on_b
            figures["publish_visible_through_varnish_s"] = through_varnish

        queue = f"/admin/comments/comment/?status=pending&q={held['marker']}"
        row = f"/comments/comment/{held['id']}/change/"
        page = editor_b.get(queue).text
        assert row in page, "the held comment is not in server B's queue"
        before = held_count(page)
        reader = Client(VARNISH, "10.9.0.3")
        reader.get(held["article_url"])  # Varnish keeps the page without the comment
        editor_a.admin_action("/admin/comments/comment/?status=pending", "approve", held["id"])
        approved = time.monotonic()
        gone = self.wait_until(lambda: row not in editor_b.get(queue).text)
        figures["approved_gone_from_b_s"] = round(gone - approved, 3) if gone else None
        shown = self.wait_until(lambda: held["marker"] in reader.get(held["article_url"]).text)
        figures["approved_shown_through_varnish_s"] = round(shown - approved, 3) if shown else None
        figures["held_count_on_b_before"] = before
        figures["held_count_on_b_after"] = held_count(editor_b.get(queue).text)
        return figures

    def publish_through_a(self, editor_a):
        """Seconds until the draft published through A is on B and on the home page through
        Varnish (which had the home page cached)."""
        reader_b, reader_v = Client(PORTS[1], "10.9.0.2"), Client(VARNISH, "10.9.0.2")
        draft = self.data["draft"]
        reader_v.get("/")
        editor_a.admin_action("/admin/articles/article/", "publish", draft["id"])
        published = time.monotonic()
        seen = self.wait_until(
            lambda: (r := reader_b.get(draft["url"])).status == 200 and draft["title"] in r.text
        )
        through = self.wait_until(lambda: draft["title"] in reader_v.get("/").text)
        return [round(moment - published, 3) if moment else None for moment in (seen, through)]

    def wait_until(self, condition, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return time.monotonic()
            time.sleep(0.05)
        return None

    # --- the run ----------------------------------------------------------------------------

    def run(self):
        self.prepare()
        print(f"soak: {SECONDS} s, {READERS} readers, {COMMENTERS} commenters, 2 servers")
        self.start = time.monotonic()
        threads = [threading.Thread(target=self.reader, args=(n,)) for n in range(READERS)]
        threads += [threading.Thread(target=self.commenter, args=(n,)) for n in range(COMMENTERS)]
        threads += [threading.Thread(target=self.probe, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        timeline = [
            (0.10, self.kill_worker_mid_task, ()),
            (0.25, self.stop_redis, (SECONDS * 0.12,)),
            (0.50, self.restart_postgres, (5,)),
            (0.75, self.under_load_two_servers, ()),
        ]
        for at, action, args in timeline:
            time.sleep(max(0, SECONDS * at - self.now()))
            print(f"soak: {self.now():5.1f} s  {action.__name__}", flush=True)
            action(*args)
        time.sleep(max(0, SECONDS - self.now()))
        self.stopping.set()
        for thread in threads:
            thread.join(60)
        self.figures["quiet_two_servers"] = self.two_servers(self.data["held"][1], publish=False)
        self.drain_queue()
        return self.report()

    def under_load_two_servers(self):
        self.figures["two_servers"] = self.two_servers(self.data["held"][0], publish=True)

    def drain_queue(self):
        waiting = "select count(*) from django_tasks_database_dbtaskresult "
        waiting += "where status in ('READY', 'RUNNING')"
        self.wait_until(lambda: self.postgres_value(waiting) == "0", seconds=30)

    def report(self):
        from soak_report import report

        return report(self)


def held_count(page):
    match = re.search(r'href="\?[^"]*status=pending[^"]*"[^>]*>[^<]*\((\d+)\)', page)
    return int(match.group(1)) if match else None


if __name__ == "__main__":
    soak = Soak()
    try:
        code = soak.run()
    finally:
        soak.shut_down()
    sys.exit(code)
