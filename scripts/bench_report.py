"""The tables `make bench` prints at the end (the same figures are in var/bench/results.json)."""

from bench_env import OUT

# What the lead reports against; printed beside the figures, never asserted.
TARGETS = {
    "hit_ratio": 0.95,
    "working_vs_quiet": 0.8,
    "p99_ms": 50,
    "embedded_rps": 2000,
    "varnish_rps": 5000,
    "home_after_invalidation_rps": 150,
    "article_vs_wordpress": 40,
}


def report(results):
    if "pages" in results:
        pages_report(results)
    if results.get("news_traffic"):
        news_report(results["news_traffic"], results.get("wordpress"))
    wordpress_report(results)
    print(f"\nFull results: {OUT / 'results.json'}")


def pages_report(results):
    print("\n== newsroom, 2 cores, wrk -t2 -c16, medians of runs ==")
    print(f"{'page':<36}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for name, row in results["pages"].items():
        print(
            f"{name:<36}{row['rps']:>10}{row['p50_ms']:>10}{row['p99_ms']:>10}{row['non_2xx']:>9}"
        )
    print("\nSQL queries per page (uncached render):")
    for path, row in results["queries"].items():
        print(f"  {path:<52} {row['queries']:>3}  (HTTP {row['status']})")
    print("\nArticle page (uncached) by comment count:")
    for count, row in results["article_growth"].items():
        print(f"  {count:>6} comments: {row['rps']:>8} req/s  p50 {row['p50_ms']} ms")
    print("Moderation queue by table size:")
    for count, row in results["queue_growth"].items():
        print(f"  {count:>7} comments: {row['rps']:>8} req/s  p50 {row['p50_ms']} ms")
    print("One client at a time (latency as a person sees it):")
    for name, row in results["one_client"].items():
        print(f"  {name:<22} p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms  ({row['rps']} req/s)")
    print(f"Peak memory per worker: {results['peak_worker_memory_mb']} MB")
    wxr = results["wxr_import"]
    print(
        f"WordPress import: {wxr['items']} items with {wxr['comments']} comments in "
        f"{wxr['seconds']} s: {wxr['items_per_second']} items/s"
    )


def news_report(news, wp):
    setup = news["setup"]
    print(
        f"\n== news traffic: readers over {setup['articles_read']:,} articles (10 % home, 5 % "
        f"sections, 85 % articles, Zipf s=1.1: the top article {setup['top_article_share']:.0%}"
        f", the top 100 {setup['top_100_share']:.0%}), wrk -t2 -c16, {setup['rounds']} runs of "
        f"{setup['phase_seconds']} s a scenario (medians) =="
    )
    print(
        "Writers: commenters 1 held comment/s; moderator approves one every 3 s; editor "
        "publishes once a run; spam bot 10 held comments/s. Renders: pages Django drew, "
        "counted at the server; load: the machine's highest 1-minute load average as runs began."
    )
    print(
        f"{'scenario':<44}{'req/s':>9}{'p50 ms':>8}{'p99 ms':>8}{'hit ratio':>10}"
        f"{'renders':>9}{'inval.':>7}{'renders/inval.':>15}{'non-2xx':>8}{'load':>6}"
    )
    for half, title in (("embedded", "page cache in the app"), ("varnish", "through Varnish")):
        if news.get(half):
            scenario_rows(title, news[half])
    writers_report(news)
    after_invalidation_report(news["after_invalidation"], wp)
    targets_report(news)


def scenario_rows(title, table):
    warm = table["warm_up"]
    print(f"{title} (warmed: {warm['pages']:,} pages in {warm['seconds']} s)")
    for name, row in table.items():
        if name == "warm_up":
            continue
        per = row["renders_per_invalidation"]
        print(
            f"  {name:<42}{row['rps']:>9}{row['p50_ms']:>8}{row['p99_ms']:>8}"
            f"{row['hit_ratio']:>10}{row['renders']:>9}{row['invalidations']:>7}"
            f"{'—' if per is None else per:>15}{row['non_2xx']:>8}{row['load_average']:>6.1f}"
        )


def writers_report(news):
    print("What the site answered the writers (HTTP status: count), and the desk's work:")
    for half in ("embedded", "varnish"):
        for name, row in (news.get(half) or {}).items():
            if name == "warm_up" or not row["writers"]:
                continue
            writers, desk = row["writers"], row["desk"]
            print(
                f"  {half:<9}{name:<36} commenters {writers['commenters']} spam "
                f"{writers['spam']}; post p99 {writers['post_p99_ms']} ms; approved "
                f"{desk.get('approved')}, published {desk.get('published')}"
            )


def after_invalidation_report(drawn, wp):
    print("A page drawn after an invalidation (one request redraws it, the others get the "
          "previous copy meanwhile):")  # fmt: skip
    for name in ("home (uncached)", "article (uncached)"):
        row = drawn[name]
        print(
            f"  {name:<22}{row['rps']:>9} req/s  p50 {row['p50_ms']} ms  p99 {row['p99_ms']} ms"
            f"  non-2xx {row['non_2xx']}"
        )
    for name in ("home (cold)", "article (cold)"):
        row = drawn[name]
        print(
            f"  {name:<22} every cache empty (Redis flushed), one request at a time: p50 "
            f"{row['p50_ms']} ms, max {row['max_ms']} ms"
        )
    wordpress = (wp or {}).get("article_uncached")
    if wordpress:
        ratio = drawn["article (uncached)"]["rps"] / wordpress["rps"]
        print(
            f"  WordPress article uncached, same run: {wordpress['rps']} req/s; the seed "
            f"article uncached is {ratio:.0f}x that."
        )


def targets_report(news):
    """Each target beside the figure it is about (the lead judges them)."""
    embedded, varnish = news["embedded"], news.get("varnish")
    drawn = news["after_invalidation"]
    print("Targets (not asserted):")
    for title, table, floor in (("page cache", embedded, "embedded_rps"),
                                ("Varnish", varnish, "varnish_rps")):  # fmt: skip
        if not table:
            continue
        quiet = table["quiet"]["rps"]
        for name, row in table.items():
            if name in ("warm_up", "quiet"):
                continue
            print(
                f"  {title}, {name}: hit ratio {row['hit_ratio']} (≥ {TARGETS['hit_ratio']}), "
                f"{row['rps'] / quiet:.2f} of quiet (≥ {TARGETS['working_vs_quiet']}), "
                f"p99 {row['p99_ms']} ms (≤ {TARGETS['p99_ms']}), {row['rps']} req/s "
                f"(≥ {TARGETS[floor]:,})"
            )
    print(
        f"  home after an invalidation: {drawn['home (uncached)']['rps']} req/s "
        f"(≥ {TARGETS['home_after_invalidation_rps']}); seed article vs WordPress: see above "
        f"(≥ {TARGETS['article_vs_wordpress']}x)"
    )


def wordpress_report(results):
    wp = results.get("wordpress")
    if not (wp and wp.get("article_uncached") and "pages" in results):
        return
    ours_uncached = results["pages"]["article (uncached, every feature)"]["rps"]
    ours_cached = results["pages"]["article (page cache, anonymous)"]["rps"]
    print(
        f"\nWordPress article uncached: {wp['article_uncached']['rps']} req/s; "
        f"newsroom uncached is {ours_uncached / wp['article_uncached']['rps']:.0f}x that."
    )
    print(
        f"nginx static copy: {wp['static_copy']['rps']} req/s; newsroom cached is "
        f"{ours_cached / wp['static_copy']['rps']:.2f} of that."
    )
