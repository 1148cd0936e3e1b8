"""The soak's figures and verdicts, printed and written to var/soak/results.json."""

import json
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "var" / "soak"
RECOVERY_LIMIT = 5.0
VISIBLE_LIMIT = 1.0


def report(soak):
    figures = soak.figures
    statuses = Counter(str(r[3]) for r in soak.requests)
    postgres = figures["postgres"]
    outage = (postgres["down_at_s"] - 0.5, postgres["up_at_s"] + RECOVERY_LIMIT)
    unexpected = [r for r in soak.requests if is_error(r) and not during(r, outage)]
    in_outage = [r for r in soak.requests if is_error(r) and during(r, outage)]
    postgres["answered_503"] = sum(1 for r in in_outage if r[3] == 503)
    postgres["503_without_arabic_page"] = sum(1 for r in in_outage if r[4] is False)
    postgres["recovery_s"] = [recovery(soak.requests, server, postgres) for server in (0, 1)]
    redis = figures["redis"]
    window = (redis["down_at_s"], redis["up_at_s"])
    redis["requests_while_down"] = sum(1 for r in soak.requests if during(r, window))
    redis["5xx_while_down"] = sum(1 for r in soak.requests if during(r, window) and is_error(r))
    # From half a second after the stop: a reader thread may record, a moment late, a page
    # it was served before Redis went away.
    settled = (window[0] + 0.5, window[1])
    redis["page_cache_hits_while_down"] = sum(
        1 for r in soak.requests if during(r, settled) and r[5] == "hit"
    )
    redis["page_cache_hits_after"] = sum(
        1 for r in soak.requests if r[0] > window[1] + 1 and r[5] == "hit"
    )
    comments = count_comments(soak)
    tasks = dict(
        line.split("|")
        for line in soak.postgres.query(
            "select status, count(*) from django_tasks_database_dbtaskresult group by status"
        ).splitlines()
    )
    results = {
        "seconds": round(soak.now(), 1),
        "requests": len(soak.requests),
        "statuses": dict(statuses),
        "unexpected_5xx": len(unexpected),
        "unexpected_5xx_sample": unexpected[:5],
        "postgres_restart": postgres,
        "redis_stop": redis,
        "comments": comments,
        "worker_killed": figures["worker"],
        "tasks": tasks,
        "notifications_mailed": soak.mail.messages,
        "varnish": varnish_figures(soak.requests),
        "two_servers_under_load": figures["two_servers"],
        "two_servers_quiet": figures["quiet_two_servers"],
    }
    failures = verdicts(results)
    results["failures"] = failures
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    print("soak: " + ("PASSED, nothing lost" if not failures else "FAILED: " + "; ".join(failures)))
    return 1 if failures else 0


def varnish_figures(requests):
    """Requests through Varnish and the share it answered from its cache."""
    through = [r for r in requests if str(r[5]).startswith("varnish")]
    hits = sum(1 for r in through if r[5] == "varnish HIT")
    return {"requests": len(through), "hits": hits, "hit_ratio": round(hits / len(through), 3)
            if through else None}  # fmt: skip


def is_error(record):
    return record[3] == "no answer" or (isinstance(record[3], int) and record[3] >= 500)


def during(record, window):
    return window[0] <= record[0] <= window[1]


def recovery(requests, server, postgres):
    """Seconds from PostgreSQL accepting connections again to this server's first page that
    needed the database."""
    after = [
        r[0]
        for r in requests
        if r[1] == server and r[2] in ("probe", "search") and r[3] == 200
        and r[0] >= postgres["up_at_s"]
    ]  # fmt: skip
    return round(min(after) - postgres["up_at_s"], 2) if after else None


def count_comments(soak):
    rows = soak.postgres.query(
        "select substring(body from 'soak-[0-9a-f]{12}'), count(*) from comments_comment "
        "where body ~ '^soak-[0-9a-f]{12} ' group by 1"
    )
    stored = {marker: int(n) for marker, n in (line.split("|") for line in rows.splitlines())}
    accepted = {marker for _t, marker, status in soak.comments if status == 302}
    answers = Counter(str(status) for _t, _marker, status in soak.comments)
    return {
        "sent": len(soak.comments),
        "answers": dict(answers),
        "accepted": len(accepted),
        "stored": sum(stored.values()),
        "accepted_and_stored": sum(1 for m in accepted if stored.get(m) == 1),
        "lost": sorted(m for m in accepted if m not in stored),
        "stored_twice": sorted(m for m, n in stored.items() if n > 1),
        "stored_without_success_answer": sorted(set(stored) - accepted),
    }


def verdicts(results):
    failures = []
    if results["unexpected_5xx"]:
        failures.append(f"{results['unexpected_5xx']} 5xx outside the database restart")
    postgres = results["postgres_restart"]
    if postgres["503_without_arabic_page"]:
        failures.append("a 503 without the Arabic page")
    for server, seconds in enumerate(postgres["recovery_s"]):
        if seconds is None or seconds > RECOVERY_LIMIT:
            failures.append(f"server {server + 1} recovered in {seconds} s")
    if results["redis_stop"]["5xx_while_down"]:
        failures.append("5xx while Redis was down")
    if results["redis_stop"]["page_cache_hits_while_down"]:
        failures.append("pages served from memory while Redis was down")
    if not results["redis_stop"]["page_cache_hits_after"]:
        failures.append("the page cache did not come back with Redis")
    comments = results["comments"]
    if comments["lost"] or comments["stored_twice"]:
        failures.append(f"comments lost {comments['lost']} or twice {comments['stored_twice']}")
    if not comments["accepted"]:
        failures.append("no comment was accepted")
    worker = results["worker_killed"]
    if worker["task_status"] != "SUCCESSFUL" or worker["feed_articles"] != "2":
        failures.append(f"the killed worker's task: {worker}")
    if results["tasks"].get("READY") or results["tasks"].get("RUNNING"):
        failures.append(f"tasks left in the queue: {results['tasks']}")
    checks = [
        ("two_servers_under_load", "publish_visible_on_b_s"),
        ("two_servers_under_load", "publish_visible_through_varnish_s"),
        ("two_servers_under_load", "approved_gone_from_b_s"),
        ("two_servers_under_load", "approved_shown_through_varnish_s"),
        ("two_servers_quiet", "approved_gone_from_b_s"),
        ("two_servers_quiet", "approved_shown_through_varnish_s"),
    ]
    for scenario, key in checks:
        value = results[scenario][key]
        if value is None or value > VISIBLE_LIMIT:
            failures.append(f"{scenario}: {key} = {value} s")
    quiet = results["two_servers_quiet"]
    if quiet["held_count_on_b_after"] != (quiet["held_count_on_b_before"] or 0) - 1:
        failures.append(f"held count on B did not drop by one: {quiet}")
    return failures
