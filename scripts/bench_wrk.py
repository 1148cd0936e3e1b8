"""wrk, run from a second process on loopback: requests/s and latency percentiles."""

import re
import statistics
import subprocess

from bench_env import RUNS, SECONDS


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
        results.append(summary(run(command)))
    return {
        "rps": round(statistics.median(r["rps"] for r in results), 1),
        "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 2),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in results), 2),
        "non_2xx": sum(r["non_2xx"] for r in results),
        "runs": [r["rps"] for r in results],
    }


def wrk_script(base_url, script, args, *, seconds, connections=16):
    """One wrk run driven by a Lua script; its summary and the script's `KEY=n` counters."""
    assert base_url.startswith("http://127.0.0.1:"), base_url
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
               "--latency", "-s", str(script), base_url, "--", *args]  # fmt: skip
    out = run(command)
    counters = dict(re.findall(r"^COUNT (\S+)=(\d+)$", out, re.MULTILINE))
    return summary(out), {name: int(value) for name, value in counters.items()}


def run(command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def summary(out):
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency(out, "50%"),
        "p99_ms": latency(out, "99%"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
