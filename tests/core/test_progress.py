"""The import commands' progress bar: drawn for a person at a terminal, silent otherwise."""

import io
import subprocess
import sys
from pathlib import Path

from core.progress import Progress

ROOT = Path(__file__).resolve().parents[2]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(total, stream):
    progress = Progress(total, stream)
    for _ in range(total):
        progress.step()
    progress.close()
    return stream.getvalue()


def test_a_terminal_sees_the_bar_fill_and_the_count():
    drawn = run(3, Terminal())
    assert drawn.startswith("\r[") and drawn.endswith("\n")
    assert "] 3/3" in drawn.rsplit("\r", 1)[-1]


def test_a_file_or_a_pipe_gets_nothing():
    assert run(3, io.StringIO()) == ""


def test_nothing_to_do_draws_nothing():
    assert run(0, Terminal()) == ""


def test_the_bar_starts_no_thread():
    # The WordPress importer forks its workers only while it runs a single thread. A fresh
    # interpreter, so that no other test's thread is counted.
    script = (
        "import io, threading\n"
        "from core.progress import Progress\n"
        "class Terminal(io.StringIO):\n"
        "    isatty = lambda self: True\n"
        "drawn, quiet = Progress(3, Terminal()), Progress(3, io.StringIO())\n"
        "drawn.step(); quiet.step()\n"
        "print(threading.active_count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "1", result.stderr
