"""The public page cache: whole responses for anonymous readers, never wrong, never personal.

A WSGI wrapper answers a cached page before Django runs. Each page is stored with the cache
tags of what it shows (core.cachetags) and their versions: a change makes stale exactly the
pages that show it. A page whose tags changed softly is still served for GRACE_SECONDS while
one request redraws it (no stampede: the others get the previous copy); a takedown (hard) is
never served again. A page never outlives the next scheduled publication, which needs no
event to go live. Requests carrying a session, messages or a reader's own cookie (staff,
commenters, anyone with something personal on the page) neither read nor fill the cache;
responses that set a cookie or are not marked public are never stored. The key keeps only the
query parameters pages read: `?fbclid=…` or `?utm_source=…` share the page's one entry.
"""

import logging
import re
import threading
import time
from collections import OrderedDict
from hashlib import blake2b
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import cachetags

log = logging.getLogger(__name__)

PERSONAL_COOKIES = ("sessionid", "messages", "comment_author", "comment_held")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                   "text/plain")  # fmt: skip
# The query parameters some page reads; every other one (fbclid, utm_*, a random ?x=) is left
# out of the key, so shared links and cache-flooding bots all land on the page's one entry.
PAGE_PARAMETERS = frozenset({"page", "q", "comments-page", "replytocom"})
# How long after a soft change the previous copy may still be served while one request
# redraws the page, and how long that request holds the right to redraw it.
GRACE_SECONDS = 10
REDRAW_LOCK_SECONDS = 10


def page_key(environ):
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if name in PAGE_PARAMETERS
    )
    address = environ.get("HTTP_HOST", "") + environ.get("PATH_INFO", "") + "?" + urlencode(kept)
    # v2: pages kept with their tags; the generation-era pages of earlier releases are not read.
    return "pagecache:v2:page:" + blake2b(address.encode(), digest_size=16).hexdigest()


def is_anonymous(environ):
    cookies = environ.get("HTTP_COOKIE", "")
    return not any(name + "=" in cookies for name in PERSONAL_COOKIES)


def wanted(environ):
    return (
        environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and is_anonymous(environ)
        and settings.NEWSROOM_PAGE_CACHE_SECONDS  # turned off (the demo's default)
    )


class PageCache:
    """WSGI wrapper: serve a cached page, or run Django and keep what may be shared.

    Each process also keeps the pages it served last: a hit then costs one small read (the
    versions of the page's tags) instead of fetching the whole page from the shared cache.
    """

    LOCAL_PAGES = 256

    def __init__(self, app):
        self.app = app
        self.local = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not wanted(environ):
            return self.app(environ, start_response)
        key = page_key(environ)
        try:
            page, state = self.lookup(key)
        except Exception:
            log.warning("page cache: read failed, serving uncached", exc_info=True)
            return self.app(environ, start_response)
        if state is None:  # Redis is down: no way to know what is fresh; neither serve nor keep
            return self.app(environ, start_response)
        if freshness(page, state) == "fresh":
            return self.serve(environ, start_response, page, "hit")
        if freshness(page, state) == "stale" and not claim(key):
            return self.serve(environ, start_response, page, "stale")
        return self.fill(environ, start_response, key, state.get(cachetags.SEQUENCE))

    def lookup(self, key):
        """The page kept for `key` (from this process or the shared cache) and the state of
        its tags, or (None, state) when there is none."""
        page = self.local.get(key)
        if page is None:
            page = cache.get(key)
            if page is not None:
                self.remember(key, page)
        return page, cachetags.read_state(page["tags"] if page else ())

    def remember(self, key, page):
        with self.lock:
            self.local[key] = page
            self.local.move_to_end(key)
            while len(self.local) > self.LOCAL_PAGES:
                self.local.popitem(last=False)

    def serve(self, environ, start_response, page, how):
        if environ.get("HTTP_IF_NONE_MATCH") == page["etag"]:
            start_response("304 Not Modified", [("ETag", page["etag"])])
            return [b""]
        # A shared cache in front keeps the copy for what is left of its life, not its first
        # lifetime; a stale copy (served while another request redraws it) for a second.
        left = 1 if how == "stale" else max(0, int(page["expires"] - time.time()))
        headers = with_shared_life(page["headers"], left)
        start_response(page["status"], [*headers, ("X-Page-Cache", how)])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [page["body"]]

    def fill(self, environ, start_response, key, sequence):
        """Draw the page, keep it if nothing changed meanwhile, then answer it.

        The answer waits for that decision: a page drawn across a change must not tell a
        shared cache in front to keep it for its whole life.
        """
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return captured.setdefault("written", []).append  # WSGI's legacy write()

        try:
            chunks = self.app(environ, capture)
            try:
                body = b"".join([*captured.get("written", []), *chunks])
            finally:
                if hasattr(chunks, "close"):
                    chunks.close()
            headers = captured["headers"]
            if storable(captured) and not (
                environ["REQUEST_METHOD"] == "GET" and self.store(key, sequence, captured, body)
            ):
                headers = with_shared_life(headers, 0)
        finally:
            cache.delete(REDRAW + key)
        start_response(captured["status"], [*headers, ("X-Page-Cache", "miss")])
        return [body]

    def store(self, key, sequence, captured, body):
        headers = [(name, value) for name, value in captured["headers"] if name != "ETag"]
        tags = dict(headers).get(cachetags.HEADER, "").split()
        try:
            state = cachetags.read_state(tags)
            if state is None or state.get(cachetags.SEQUENCE) != sequence:
                return False  # something changed while the page was drawn: it may show the old
            seconds = ttl()
            etag = '"' + blake2b(body, digest_size=16).hexdigest() + '"'
            page = {
                "status": captured["status"],
                "headers": [*headers, ("ETag", etag)],
                "body": body,
                "etag": etag,
                "tags": tags,
                "versions": cachetags.versions_of(tags, state),
                "expires": time.time() + seconds,
            }
            cache.set(key, page, seconds + GRACE_SECONDS)
        except Exception:
            log.warning("page cache: write failed", exc_info=True)
            return False
        self.remember(key, page)
        return True


REDRAW = "pagecache:redraw:"


def with_shared_life(headers, seconds):
    """The headers with the Cache-Control's s-maxage (a shared cache's keeping) set."""
    return [
        (name, re.sub(r"s-maxage=\d+", f"s-maxage={seconds}", value))
        if name.lower() == "cache-control"
        else (name, value)
        for name, value in headers
    ]


def claim(key):
    """Whether this request may redraw the page (the first to ask, for a few seconds)."""
    return cache.add(REDRAW + key, 1, REDRAW_LOCK_SECONDS)


def freshness(page, state):
    """ "fresh", "stale" (servable while one request redraws it) or None (never serve it)."""
    if page is None or page["expires"] <= time.time():
        return None
    epoch, soft, hard = cachetags.versions_of(page["tags"], state)
    stored_epoch, stored_soft, stored_hard = page["versions"]
    if epoch != stored_epoch or hard != stored_hard:
        return None
    if soft == stored_soft:
        return "fresh"
    stale_for = time.time() - cachetags.changed_at(max(soft))
    return "stale" if stale_for < GRACE_SECONDS else None


def storable(captured):
    if not captured.get("status", "").startswith("200"):
        return False
    headers = {name.lower(): value for name, value in captured["headers"]}
    return (
        "set-cookie" not in headers
        and "public" in headers.get("cache-control", "")
        and headers.get("content-type", "").startswith(CACHEABLE_TYPES)
    )


def ttl():
    """Seconds a page may be kept: the setting, or less when something is due to change."""
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    due = cachetags.next_change()
    if due is not None:
        seconds = min(seconds, max(1, int((due - timezone.now()).total_seconds())))
    return seconds


class PublicCacheHeadersMiddleware:
    """Collect what a page shows; mark anonymous reader pages as shareable, with their tags.

    Browsers revalidate every time (ETag); shared caches (Varnish, a CDN) keep the page for
    s-maxage and drop it when one of its tags (the `xkey` header) is purged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = cachetags.start_collecting()
        try:
            response = self.get_response(request)
        finally:
            tags = cachetags.stop_collecting(token)
        if shareable(request, response):
            seconds = ttl() if settings.NEWSROOM_PAGE_CACHE_SECONDS else 0
            response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={seconds}"
            if tags:
                response[cachetags.HEADER] = " ".join(tags)
                if settings.NEWSROOM_CDN_PURGE_URL:
                    # What Fastly indexes (Varnish reads xkey): the CDN purges by the same tags.
                    response["Surrogate-Key"] = " ".join(tags)
        return response


def shareable(request, response):
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.has_header("Cache-Control")
        and not response.cookies
        and not request.path.startswith("/" + settings.NEWSROOM_ADMIN_PATH)
        and not request.user.is_authenticated
        and not request.session.keys()  # nothing personal: no query without a session cookie
    )
