"""Where a republished WordPress post came from, read from its custom fields (post meta).

WXR has no field for a post's source: the plugins that republish news keep it in post meta,
each under its own keys. This maps the well-known keys to an attribution, as a pure function;
finding or creating the Source row is the importer's job.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import Truncator

from core.text import single_line, strip_controls

URL_MAX_LENGTH = 1000  # Article.original_url holds at most this
NAME_MAX_LENGTH = 200  # Source.name and Article.byline
_valid_url = URLValidator(schemes=["http", "https"])
# PHP's serialize() output (arrays, objects, strings): a plugin's settings, never a name.
_SERIALIZED = re.compile(r'^(?:[aOC]:\d+:[{"]|s:\d+:")')

# Earlier keys win. FeedWordPress, WP RSS Aggregator, Feedzy and WP Automatic name theirs;
# the plain ones are custom fields editors fill in by hand.
ITEM_URL_KEYS = (
    "syndication_permalink",
    "wprss_item_permalink",
    "feedzy_item_url",
    "original_link",
    "source_url",
    "source_link",
    "original_url",
)
NAME_KEYS = ("syndication_source", "wprss_item_source_name", "source_name")
HOMEPAGE_KEYS = ("syndication_source_uri", "wprss_item_source_url")
CREDIT_KEYS = ("feedzy_item_author", "wprss_item_author")
# A Unix time: when WP RSS Aggregator's feed said the item was published.
DATE_KEYS = ("wprss_item_date",)
# WP RSS Aggregator names the feed by the id of its own post (of type wprss_feed).
FEED_ID_KEY = "wprss_feed_id"
# Editors' custom fields that hold a URL or a name: the value tells which.
EITHER_KEYS = ("source",)


@dataclass(frozen=True)
class Attribution:
    name: str = ""  # the news source's name
    url: str = ""  # the original item's address
    homepage: str = ""  # the news source's site
    credit: str = ""  # the writer's name at the source
    published_at: datetime | None = None

    def __bool__(self):
        return bool(self.name or self.url or self.homepage)

    @property
    def host(self):
        """Return the host the source is known by without a name: the item's, else the site's."""
        host = urlsplit(self.url or self.homepage).hostname or ""
        return host.removeprefix("www.")


def attribution(meta, *, feeds=None, extra_keys=()):
    """Read the attribution in a post's (key, value) meta; `extra_keys` first, like "source"."""
    # `feeds` maps WP RSS Aggregator feed ids to their names. Keys starting with "_" are
    # WordPress's and plugins' private ones and are never read. A URL counts only over http(s).
    values = {}
    for key, value in meta:
        if key and not key.startswith("_") and value.strip():
            values.setdefault(key, value)  # the first of a repeated key, as get_post_meta()
    either = [values[key] for key in (*extra_keys, *EITHER_KEYS) if key in values]
    url = first(url_or_empty(value) for value in [*either, *pick(values, ITEM_URL_KEYS)])
    feed_name = (feeds or {}).get(values.get(FEED_ID_KEY, "").strip(), "")
    names = [value for value in either if not looks_like_url(value)]
    name = first(name_or_empty(value) for value in [*names, *pick(values, NAME_KEYS), feed_name])
    return Attribution(
        name=name,
        url=url,
        homepage=first(url_or_empty(value) for value in pick(values, HOMEPAGE_KEYS)),
        credit=first(name_or_empty(value) for value in pick(values, CREDIT_KEYS)),
        published_at=first((unix_time(value) for value in pick(values, DATE_KEYS)), None),
    )


def pick(values, keys):
    return [values[key] for key in keys if key in values]


def first(candidates, default=""):
    return next((value for value in candidates if value), default)


def looks_like_url(value):
    return value.strip().lower().startswith(("http://", "https://", "//", "www."))


def url_or_empty(value):
    """Return the value when it is a whole http(s) URL that fits; not javascript: or others."""
    value = strip_controls(value).strip()
    if len(value) > URL_MAX_LENGTH:
        return ""
    try:
        _valid_url(value)
    except ValidationError:
        return ""
    return value


def name_or_empty(value):
    value = single_line(unescape(value))
    if not value or _SERIALIZED.match(value) or looks_like_url(value):
        return ""
    return Truncator(value).chars(NAME_MAX_LENGTH)


def unix_time(value):
    try:
        return datetime.fromtimestamp(int(value.strip()), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None
