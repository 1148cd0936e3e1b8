"""A database made by main before the apps left `newsroom/` migrates with every row kept.

The old code is taken from git as it was (OLD_MAIN), migrated and filled with the demo
content and a task worker, on the same kind of database as this test run (SQLite, or
PostgreSQL when DATABASE_URL names it). Today's code then migrates it.
"""

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.conftest import ROOT, SHARED, require

# The last commit whose `newsroom` package held the roles migration and the TaskWorker model.
OLD_MAIN = "d4dc8af"
# Rows the new code may add on its own: permissions and content types of new models.
MAY_GROW = {"auth_permission", "django_content_type", "django_migrations"}
# The roles' permissions: the editor-in-chief gets those of models added since (the roles
# migration runs again), the moderators lose "delete comment" (checked on its own below).
ROLES_CHANGE = "auth_group_permissions"
RENAMED = {"newsroom_taskworker": "taskqueue_taskworker"}
TASK_WORKER = (
    "INSERT INTO newsroom_taskworker (worker_id, host, pid, started_at, seen_at) "
    "VALUES ('w-old', 'web-1', 4242, '2026-12-01 10:00:00', '2026-12-01 10:00:00')"
)


def old_tree(folder):
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD_MAIN], capture_output=True)
    require(archive.returncode == 0, f"git and the commit {OLD_MAIN} (a full clone)")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def manage(tree, url, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": url,
        "NEWSROOM_SHARED": str(SHARED),
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


class Sqlite:
    def __init__(self, tmp_path):
        self.path = tmp_path / "made-by-old-main.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def run(self, sql):
        with sqlite3.connect(self.path) as db:
            return db.execute(sql).fetchall()

    def tables(self):
        rows = self.run("SELECT name FROM sqlite_master WHERE type='table'")
        return [name for (name,) in rows if not name.startswith("sqlite_")]

    def drop(self):
        pass


class Postgres:
    SERVER = "postgres://postgres@127.0.0.1:5432/postgres"

    def __init__(self):
        self.name = "upgrade_" + uuid.uuid4().hex[:12]
        self.url = f"postgres://postgres@127.0.0.1:5432/{self.name}"
        with psycopg.connect(self.SERVER, autocommit=True) as server:
            server.execute(f"CREATE DATABASE {self.name}")

    def run(self, sql):
        with psycopg.connect(self.url, autocommit=True) as db:
            cursor = db.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def tables(self):
        rows = self.run("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return [name for (name,) in rows]

    def drop(self):
        with psycopg.connect(self.SERVER, autocommit=True) as server:
            server.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


@pytest.fixture
def database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    made = Postgres() if urlsplit(url).scheme.startswith("postgres") else Sqlite(tmp_path)
    yield made
    made.drop()


def counts(database):
    return {
        table: database.run(f'SELECT COUNT(*) FROM "{table}"')[0][0]  # noqa: S608
        for table in database.tables()
    }


def test_a_database_made_by_the_old_main_migrates_with_every_row_kept(tmp_path, database):
    old = old_tree(tmp_path / "old-main")
    manage(old, database.url, "migrate", "--noinput")
    manage(old, database.url, "load_demo")
    database.run(TASK_WORKER)
    before = counts(database)
    assert before["articles_article"] > 5 and before["comments_comment"] > 0

    manage(ROOT, database.url, "migrate", "--noinput")

    after = counts(database)
    for table, rows in before.items():
        now = after.get(RENAMED.get(table, table))
        if table in MAY_GROW:
            assert now >= rows, table
        elif table != ROLES_CHANGE:
            assert now == rows, table
    assert "newsroom_taskworker" not in after
    worker = database.run("SELECT host, pid FROM taskqueue_taskworker")
    assert worker == [("web-1", 4242)]
    members = database.run(
        "SELECT g.name FROM auth_group g JOIN auth_user_groups ug ON ug.group_id = g.id "
        "JOIN auth_user u ON u.id = ug.user_id WHERE u.username = 'editor'"
    )
    assert members == [("رئيس التحرير",)]
    moderators = database.run(
        "SELECT p.codename FROM auth_group g JOIN auth_group_permissions gp ON gp.group_id = g.id "
        "JOIN auth_permission p ON p.id = gp.permission_id WHERE g.name = 'مشرف التعليقات' "
        "ORDER BY p.codename"
    )
    # They trash; only the trash's 30-day emptying deletes (comments 0005).
    assert moderators == [("change_comment",), ("view_comment",)]
    # Today's code reads it as it wrote it: nothing left to migrate, the site's checks pass.
    manage(ROOT, database.url, "migrate", "--check")
    manage(ROOT, database.url, "check")
