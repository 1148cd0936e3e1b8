"""Start and stop the production application server (granian) for bench, soak and tests."""

import http.client
import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_granian(port, env, *, workers=2, threads=2, log_level="warning", log=None):
    """Serve newsroom.wsgi on loopback; return once it answers HTTP (any status). With `log`,
    the server's output goes to that file instead of the terminal."""
    command = [
        str(ROOT / ".venv" / "bin" / "granian"),
        "--interface", "wsgi",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", str(workers),
        "--blocking-threads", str(threads),
        "--log-level", log_level,
        "newsroom.wsgi:application",
    ]  # fmt: skip
    output = open(log, "w") if log else None  # noqa: SIM115  (the server keeps it open)
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=output, stderr=output
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if answers(port):
            return server
        if server.poll() is not None:
            break
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"granian did not start on port {port}")


def answers(port):
    """Any HTTP answer counts (a redirect to HTTPS, a 503): the server is up."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/robots.txt")
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
