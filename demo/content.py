"""Read the demo site's content from content.toml and check that its references hold."""

import tomllib
from pathlib import Path

from comments.models import Comment

PATH = Path(__file__).with_name("content.toml")
DEFAULT_AUTHOR = "admin"  # who signs an article that names no author (load_demo's superuser)

# Keys of each kind of row: (required, optional). An unknown key is a typo, not a new field.
KEYS = {
    "the file": ({"site_name", "accounts", "sources", "sections", "tags", "articles"}, set()),
    "accounts": ({"username", "first_name", "last_name"}, set()),
    "sources": ({"name", "homepage"}, set()),
    "sections": ({"name", "slug", "position"}, set()),
    "tags": ({"name", "slug"}, set()),
    "articles": (
        {"slug", "title", "section", "excerpt", "body", "hours_ago"},
        {"tags", "source", "original_url", "recommended", "comments", "author"},
    ),
    "comments": ({"name", "body", "status"}, {"reply_to", "reason"}),
}
COMMENT_STATUSES = {Comment.Status.APPROVED, Comment.Status.PENDING}


class ContentError(ValueError):
    """The data file says something load_demo cannot load."""


def load(path=PATH):
    """Return the demo content as read from `path`, checked."""
    with open(path, "rb") as file:
        content = tomllib.load(file)
    check(content)
    return content


def check(content):
    """Raise ContentError for a missing or unknown key, or a name the file does not define."""
    _check_keys("the file", content)
    for kind in ("accounts", "sources", "sections", "tags", "articles"):
        for row in content[kind]:
            _check_keys(kind, row)
    accounts = {row["username"] for row in content["accounts"]} | {DEFAULT_AUTHOR}
    sources = {row["name"] for row in content["sources"]}
    sections = {row["slug"] for row in content["sections"]}
    tags = {row["slug"] for row in content["tags"]}
    articles = {row["slug"] for row in content["articles"]}
    for row in content["articles"]:
        where = f"article {row['slug']}"
        _require(row["section"] in sections, where, "section", row["section"])
        if "source" in row:
            _require(row["source"] in sources, where, "source", row["source"])
        _require(row.get("author", DEFAULT_AUTHOR) in accounts, where, "author", row.get("author"))
        for slug in row.get("tags", []):
            _require(slug in tags, where, "tag", slug)
        for slug in row.get("recommended", []):
            _require(slug in articles and slug != row["slug"], where, "recommended", slug)
        _check_comments(row.get("comments", []), where)


def _check_comments(comments, where):
    earlier = set()
    for comment in comments:
        _check_keys("comments", comment)
        _require(comment["status"] in COMMENT_STATUSES, where, "comment status", comment["status"])
        # Every held comment says which rule held it, as the moderation queue shows.
        if comment["status"] == Comment.Status.PENDING and not comment.get("reason"):
            raise ContentError(f"{where}: held comment by {comment['name']}: no reason")
        if "reply_to" in comment:
            _require(comment["reply_to"] in earlier, where, "reply_to", comment["reply_to"])
        earlier.add(comment["name"])


def _check_keys(kind, row):
    required, optional = KEYS[kind]
    missing, unknown = required - row.keys(), row.keys() - required - optional
    problems = [
        f"{word} {sorted(keys)}"
        for word, keys in [("missing", missing), ("unknown", unknown)]
        if keys
    ]
    if problems:
        name = row.get("slug") or row.get("name") or row.get("username") or ""
        where = " ".join([kind, name]).strip()
        raise ContentError(f"{where}: {', '.join(problems)}")


def _require(holds, where, what, value):
    if not holds:
        raise ContentError(f"{where}: no such {what}: {value}")
