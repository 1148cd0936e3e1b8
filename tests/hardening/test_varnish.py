"""Varnish in front of two production app servers that share PostgreSQL and Redis: one cache
entry per page, and every change a reader can see reaches Varnish and both servers within a
second (a held comment never does, and purges nothing); a takedown is gone at once.

The servers run newsroom.settings.prod with the database task queue and a `run_worker`, as in
production: every purge goes through the queue. Debian's varnish and varnish-modules are
installed when missing (scripts/varnish.py); without them, and without PostgreSQL or Redis,
the test is skipped on a developer's machine and fails under CI.
"""

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from django.conf import settings

from core import pagecache
from scripts import servers, varnish
from tests.conftest import REDIS_URL, ROOT, require
from tests.hardening.live import free_port


def postgres_server():
    """The PostgreSQL server of DATABASE_URL when it names one, else the machine's own."""
    parts = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", ""))
    if parts.scheme.startswith("postgres"):
        return urllib.parse.urlunsplit(parts._replace(path="", query="", fragment=""))
    return "postgres://postgres@127.0.0.1:5432"


POSTGRES_URL = postgres_server()
REDIS_DB = 12  # one of its own: the outer test run uses 15, make bench 3 and 4
SECOND = 1.0

SETUP = """
import json
from django.contrib.auth import get_user_model
from articles.models import Article, SiteSettings
from comments.models import DiscussionSettings
# Settings rows are made on first use, which purges the pages that show them: make them now.
SiteSettings.current(), DiscussionSettings.current()
admin = get_user_model().objects.get(username="admin")
published = list(Article.objects.published().order_by("-published_at")[:4])
draft = Article.objects.create(
    title="مقال يصل إلى القراء في الحال", excerpt="مقتطف", body="<p>نص.</p>",
    category=published[0].category, author=admin, status=Article.Status.DRAFT,
)
print(json.dumps({
    "draft": {"id": draft.pk, "title": draft.title, "url": draft.get_absolute_url()},
    "articles": [{"id": a.pk, "url": a.get_absolute_url(), "title": a.title} for a in published],
}))
"""
CHANGE = """
import json, time
from django.contrib.auth import get_user_model
from articles import workflow
from articles.models import Article
from comments.models import Comment
from comments.services import moderate_comment
admin = get_user_model().objects.get(username="admin")
what, key = {what!r}, {key!r}
if what == "publish":
    workflow.publish(Article.objects.get(pk=key), by=admin)
elif what == "unpublish":
    workflow.unpublish(Article.objects.get(pk=key), by=admin)
else:
    moderate_comment(Comment.objects.get(body__contains=key), action="approve", by=admin)
print(json.dumps({{"at": time.time()}}))  # committed: the services run in autocommit
"""


# --- the site: PostgreSQL and Redis shared by two app servers, a worker, one Varnish --------


def postgres(dbname, sql):
    import psycopg

    with psycopg.connect(f"{POSTGRES_URL}/{dbname}", autocommit=True, connect_timeout=3) as db:
        db.execute(sql)


def redis_db():
    import redis

    parts = urllib.parse.urlsplit(REDIS_URL)
    return redis.Redis(parts.hostname, parts.port or 6379, db=REDIS_DB, socket_timeout=2)


def services_available():
    try:
        postgres("postgres", "select 1")
        redis_db().ping()
        return True
    except Exception:
        return False


class Site:
    def __init__(self, folder):
        self.folder = folder
        self.database = f"newsroom_varnish_{os.getpid()}"
        self.ports = {"varnish": free_port(), "a": free_port(), "b": free_port()}
        settings_module = folder / "varnish_site_settings.py"
        settings_module.write_text(
            "from newsroom.settings.prod import *\n"
            f"STATIC_ROOT = {str(folder / 'static')!r}  # the checkout's var/static is shared\n"
        )
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "varnish_site_settings",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": f"{POSTGRES_URL}/{self.database}",
            "REDIS_URL": f"{REDIS_URL.rsplit('/', 1)[0]}/{REDIS_DB}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "TASKS_BACKEND": "database",
            "DEMO_APP": "true",
            "PROXY_COUNT": "2",  # a TLS proxy, then Varnish
            "VARNISH_PURGE_URLS": f"http://127.0.0.1:{self.ports['varnish']}",
        }
        self.processes = []
        self.cache = None

    def manage(self, *args):
        command = [sys.executable, "manage.py", *args]
        result = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code):
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def start(self):
        postgres("postgres", f"create database {self.database}")
        redis_db().flushdb()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo")
        self.data = self.shell(SETUP)
        for name in ("a", "b"):
            log = self.folder / f"server-{name}.log"
            server = servers.start_granian(self.ports[name], self.env, workers=1, log=log)
            self.processes.append(server)
        backends = [("127.0.0.1", self.ports["a"]), ("127.0.0.1", self.ports["b"])]
        log = self.folder / "varnish.log"
        self.cache = varnish.Varnish(self.ports["varnish"], backends, log=log).start()
        self.start_worker()
        self.wait_for_the_queue()  # load_demo's going-live tasks, and the purges they queue

    def start_worker(self):
        command = [sys.executable, "manage.py", "run_worker", "--interval", "0.2",
                   "--no-reload", "--no-startup-delay"]  # fmt: skip
        with open(self.folder / "worker.log", "w") as log:
            worker = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        self.processes.append(worker)

    def wait_for_the_queue(self):
        import psycopg

        sql = (
            "select count(*) from django_tasks_database_dbtaskresult"
            " where status in ('READY', 'RUNNING')"
        )
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as db:
            wait_for(lambda: db.execute(sql).fetchone()[0] == 0, 60)

    def stop(self):
        if self.cache:
            self.cache.stop()
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(30)
        redis_db().flushdb()
        postgres("postgres", f"drop database if exists {self.database} with (force)")

    def urls(self):
        """Varnish, then the two app servers directly."""
        return {name: f"127.0.0.1:{port}" for name, port in self.ports.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require(varnish.install_if_missing(), "Varnish with the xkey vmod (varnish, varnish-modules)")
    require(services_available(), f"PostgreSQL at {POSTGRES_URL} and Redis at {REDIS_URL}")
    site = Site(tmp_path_factory.mktemp("varnish-site"))
    try:
        site.start()
        yield site
    finally:
        site.stop()


# --- HTTP as readers send it --------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.text = status, headers, body.decode("utf-8", "replace")

    @property
    def cache(self):
        return self.headers.get("X-Cache")


def fetch(address, path, method="GET", headers=None, body=None):
    host, port = address.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": address, **(headers or {})})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def wait_for(condition, seconds=10):
    """The time (time.time()) at which condition() held, asked every 20 ms; fails after
    `seconds`."""
    started = time.time()
    while not condition():
        if time.time() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.02)
    return time.time()


def reaches_everywhere(site, path, shows, change):
    """Make `change` (code for manage.py shell) while readers keep asking for `path` through
    Varnish and from each server: the seconds from the commit until `shows(response)` held
    on each, and the X-Cache answers Varnish gave meanwhile."""
    shown, seen, deadline = {}, [], time.time() + 15

    def reader(name):
        while time.time() < deadline:
            response = fetch(site.urls()[name], path)
            if name == "varnish":
                seen.append(response.cache)
            if shows(response):
                shown[name] = time.time()
                return
            time.sleep(0.01)

    readers = [threading.Thread(target=reader, args=(name,)) for name in site.urls()]
    for thread in readers:
        thread.start()
    committed = site.shell(change)["at"]
    for thread in readers:
        thread.join()
    assert set(shown) == set(site.urls()), f"shown only on {sorted(shown)}"
    return {name: round(at - committed, 3) for name, at in shown.items()}, seen


def summary(answers):
    """["HIT", "HIT", "HIT-STALE"] -> "HIT x2, HIT-STALE x1" (runs in order)."""
    runs = []
    for answer in answers:
        if runs and runs[-1][0] == answer:
            runs[-1][1] += 1
        else:
            runs.append([answer, 1])
    return ", ".join(f"{answer} x{count}" for answer, count in runs)


def warm(site, path):
    """Fill Varnish and both servers' page caches with `path`, once the purges queued by an
    earlier test are sent."""
    site.wait_for_the_queue()
    for address in site.urls().values():
        fetch(address, path)
    assert fetch(site.urls()["varnish"], path).cache == "HIT"


# --- the VCL ------------------------------------------------------------------------------

VCL = (ROOT / "core" / "varnish" / "newsroom.vcl").read_text()


def test_the_vcl_keeps_the_parameters_the_pages_read_and_knows_the_personal_cookies():
    kept = re.search(r"\(\?!\(([a-z|-]+)\)\(=\|&\|\$\)\)", VCL).group(1)
    assert set(kept.split("|")) == pagecache.PAGE_PARAMETERS
    personal = re.search(r"\\s\*\(([a-z_|]+)\)=", VCL).group(1)
    assert set(personal.split("|")) == set(pagecache.PERSONAL_COOKIES)


def test_the_vcl_drops_accept_language_because_the_site_speaks_one_language():
    assert "unset req.http.Accept-Language;" in VCL
    assert len(settings.LANGUAGES) == 1  # with a second one, the VCL must keep the header


def test_the_vcl_compiles():
    require(varnish.install_if_missing(), "Varnish with the xkey vmod (varnish, varnish-modules)")
    status, output = varnish.check_vcl([("127.0.0.1", 8001), ("127.0.0.1", 8002)])
    assert status == 0, output[-3000:]


# --- through Varnish ----------------------------------------------------------------------


def test_a_page_is_a_miss_then_a_hit_and_tracking_parameters_share_its_entry(site):
    cache, path = site.urls()["varnish"], site.data["articles"][0]["url"]
    first = fetch(cache, path)
    assert (first.status, first.cache) == (200, "MISS")
    assert first.headers["Cache-Control"].startswith("public, max-age=0")
    assert "xkey" not in first.headers and "X-Page-Cache" not in first.headers
    assert "Accept-Language" in first.headers["Vary"]
    for shared in ["", "?fbclid=IwAR0abc", "?utm_source=whatsapp&utm_medium=social", "?gclid=1",
                   "?x=random"]:  # fmt: skip
        response = fetch(cache, path + shared, headers={"Accept-Language": "en-GB,en;q=0.8"})
        assert (response.status, response.cache, response.text) == (200, "HIT", first.text)
    assert fetch(cache, path + "?comments-page=1&utm_source=x").cache == "MISS"
    assert fetch(cache, path + "?utm_campaign=y&comments-page=1").cache == "HIT"


def test_a_hard_purge_drops_the_page_and_only_the_purgers_may_purge(site):
    cache, article = site.urls()["varnish"], site.data["articles"][3]
    fetch(cache, article["url"])
    assert fetch(cache, article["url"]).cache == "HIT"
    assert site.cache.purge([f"a:{article['id']}"], soft=False) >= 1
    assert fetch(cache, article["url"]).cache == "MISS"
    stranger = varnish.Varnish(free_port(), [("127.0.0.1", 9)], purgers=("192.0.2.1",)).start()
    try:
        assert stranger.request("PURGE", "/", {"xkey-purge": "home"}).status == 403
    finally:
        stranger.stop()


def test_other_cookies_are_ignored_and_personal_ones_pass(site):
    cache, path = site.urls()["varnish"], site.data["articles"][0]["url"]
    fetch(cache, path)
    assert fetch(cache, path, headers={"Cookie": "csrftoken=abc; _ga=1"}).cache == "HIT"
    for cookie in ["sessionid=abc", "csrftoken=x; comment_held=y", "messages=z"]:
        assert fetch(cache, path, headers={"Cookie": cookie}).cache == "PASS"
    assert fetch(cache, "/admin/login/").cache == "PASS"


def test_a_published_draft_reaches_varnish_and_both_servers_within_a_second(site):
    warm(site, "/")
    draft = site.data["draft"]
    change = CHANGE.format(what="publish", key=draft["id"])
    delays, seen = reaches_everywhere(site, "/", lambda r: draft["title"] in r.text, change)
    print(f"published: on the home page after {delays} s; Varnish answered {summary(seen)}")
    assert max(delays.values()) < SECOND
    assert "HIT-STALE" in seen  # a soft purge: the old copy while one fetch redraws it
    assert fetch(site.urls()["varnish"], draft["url"]).status == 200


def test_a_held_comment_never_appears_and_purges_nothing_its_approval_appears_at_once(site):
    article = site.data["articles"][1]
    for path in ("/", article["url"]):
        warm(site, path)
    marker = f"تعليق-{secrets.token_hex(4)}"
    assert post_comment(site, article, marker) == 302
    time.sleep(SECOND)  # the worker has had every chance to purge
    for path in ("/", article["url"]):
        assert fetch(site.urls()["varnish"], path).cache == "HIT", path
        for address in site.urls().values():
            assert marker not in fetch(address, path).text
    change = CHANGE.format(what="approve", key=marker)
    delays, seen = reaches_everywhere(site, article["url"], lambda r: marker in r.text, change)
    print(f"approved comment: shown after {delays} s; Varnish answered {summary(seen)}")
    assert max(delays.values()) < SECOND


def post_comment(site, article, body):
    """Post a comment through Varnish as a reader's browser does; its HTTP status."""
    cache = site.urls()["varnish"]
    token = fetch(cache, "/comments/form-token/")
    assert token.cache == "PASS"
    csrf_cookie = re.search(r"csrftoken=([^;]+)", token.headers["Set-Cookie"]).group(1)
    fields = json.loads(token.text)
    time.sleep(3.1)  # the form refuses what was written faster than a person can
    form = {"csrfmiddlewaretoken": fields["csrf"], "issued": fields["issued"],
            "name": "قارئ جديد", "email": f"{secrets.token_hex(4)}@example.net", "body": body}  # fmt: skip
    headers = {"Cookie": f"csrftoken={csrf_cookie}", "X-Forwarded-For": "203.0.113.7",
               "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    path = f"/comments/post/{article['id']}/"
    return fetch(cache, path, "POST", headers, urllib.parse.urlencode(form)).status


def test_an_unpublished_article_is_gone_at_once_everywhere(site):
    article = site.data["articles"][2]
    warm(site, article["url"])
    change = CHANGE.format(what="unpublish", key=article["id"])
    delays, seen = reaches_everywhere(site, article["url"], lambda r: r.status == 404, change)
    print(f"unpublished: 404 after {delays} s; Varnish answered {summary(seen)}")
    assert max(delays.values()) < SECOND
    assert "HIT-STALE" not in seen  # a hard purge: never the old copy in grace
    for _ in range(3):
        assert fetch(site.urls()["varnish"], article["url"]).status == 404
