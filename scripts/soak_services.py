"""The soak's own PostgreSQL, Redis, mail sink and hanging feed, on loopback.

The soak stops and restarts its database and cache on purpose, so it runs private copies
(other ports, a throwaway data folder) and leaves the machine's own services alone.
"""

import glob
import os
import shutil
import socketserver
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def as_postgres(command):
    # initdb and the server refuse to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    def __init__(self, folder, port):
        found = glob.glob("/usr/lib/postgresql/*/bin")
        versions = sorted(found, key=lambda path: int(path.split("/")[4]))
        if not versions:
            raise SystemExit("make soak needs PostgreSQL's server programs (Debian: postgresql)")
        self.bin = Path(versions[-1])
        self.folder = Path(folder)
        self.port = port
        self.url = f"postgres://postgres@127.0.0.1:{port}/newsroom"

    def create(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")  # fmt: skip
        self.start()
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "newsroom"],
            check=True,
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-w", "-o", options,
                  "-l", str(self.folder / "server.log"), "start")  # fmt: skip

    def stop(self):
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def query(self, sql):
        command = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "newsroom"]
        result = subprocess.run([*command, "-Atc", sql], capture_output=True, text=True, check=True)
        return result.stdout.strip()

    def _run(self, program, *args):
        subprocess.run(as_postgres([str(self.bin / program), *args]), check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


class Redis:
    def __init__(self, port):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no"]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to accept the moderators' notifications and count them."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()


class SMTPHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.say("220 soak ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.say("354 go on")
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    pass
                self.server.messages += 1
                self.say("250 queued")
            elif verb == b"QUIT":
                self.say("221 bye")
                return
            else:
                self.say("250 ok")

    def say(self, text):
        self.wfile.write(text.encode() + b"\r\n")


class HangingFeed(ThreadingHTTPServer):
    """A news source whose first answer never comes: the worker fetching it gets killed."""

    daemon_threads = True

    def __init__(self, body):
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.body = body
        self.calls = 0
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        self.url = f"http://127.0.0.1:{self.server_port}/rss"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.calls += 1
        if self.server.calls == 1:
            self.server.first_arrived.set()
            self.server.release.wait(60)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass
