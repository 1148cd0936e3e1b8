"""What news readers ask for, as `make bench` replays it: 10 % the home page, 5 % the sections,
85 % articles with a steep popularity curve (Zipf-like) over the 3,000 newest.

Written as a weighted list (one "weight path" a line) that scripts/news_traffic.lua draws from,
and as the articles with their ids, which the bench's commenters comment on with the same
popularity (readers comment where they read).
"""

import http.client
import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

from bench_env import DB, OUT, psql

HOME_SHARE, SECTIONS_SHARE = 0.10, 0.05
ARTICLES = 3000
ZIPF_S = 1.1
# Pages made for other measurements (5,000 comments), and the bench editor's own articles.
LEFT_OUT = ("comments-0", "comments-5000")
PATHS = OUT / "news-paths.txt"
READ_ARTICLES = OUT / "news-articles.json"


def write_traffic():
    """Write the readers' weighted paths and the articles; returns (paths file, articles)."""
    articles = newest_articles()
    sections = rows("select slug from articles_category order by position, name")
    zipf = [1 / rank**ZIPF_S for rank in range(1, len(articles) + 1)]
    scale = (1 - HOME_SHARE - SECTIONS_SHARE) / sum(zipf)
    weighted = [(HOME_SHARE, "/")]
    weighted += [(SECTIONS_SHARE / len(sections), f"/sections/{slug}/") for (slug,) in sections]
    read = [
        {"id": int(pk), "path": f"/articles/{slug}/", "weight": weight * scale}
        for (pk, slug), weight in zip(articles, zipf, strict=True)
    ]
    weighted += [(article["weight"], article["path"]) for article in read]
    PATHS.write_text("".join(f"{weight:.10g} {quote(path)}\n" for weight, path in weighted))
    READ_ARTICLES.write_text(json.dumps(read, ensure_ascii=False))
    return PATHS, read


def newest_articles():
    """(id, slug) of the newest public articles, most read first: news is read while new."""
    left_out = ",".join(f"'{slug}'" for slug in LEFT_OUT)
    return rows(
        "select a.id, a.slug from articles_article a left join auth_user u on u.id = a.author_id"
        " where a.status = 'published' and a.published_at <= now()"
        f" and a.slug not in ({left_out}) and coalesce(u.username, '') <> 'bench-editor'"
        f" order by a.published_at desc limit {ARTICLES}"
    )


def rows(sql):
    out = psql("-AtF", "\t", "-c", sql, database=DB)
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def all_paths():
    return [line.split(" ", 1)[1] for line in PATHS.read_text().splitlines()]


def warm(port, paths, clients=8):
    """Ask for every page once, so the phases start from a warm cache; returns the statuses."""
    with ThreadPoolExecutor(clients) as pool:
        statuses = list(pool.map(lambda path: fetch(port, path), paths))
    return {status: statuses.count(status) for status in set(statuses)}


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
