"""The public page cache: whole responses for anonymous readers, never stale, never personal.

A WSGI wrapper answers a cached page before Django runs (one cache round trip: the page and the
site's content generation are read together). Any change to what readers see bumps the
generation, so every cached page is fresh at once; and a page never outlives the next
scheduled publication, which needs no event to go live. Requests carrying a session, messages
or remembered-commenter cookie (staff, commenters, anyone with something personal on the page)
neither read nor fill the cache. Responses that set a cookie or are not marked public are never
stored.
"""

import logging
import threading
import time
from collections import OrderedDict
from hashlib import blake2b

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

log = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PERSONAL_COOKIES = ("sessionid", "messages", "comment_author")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                   "text/plain")  # fmt: skip


def bump():
    """Make every cached page stale: called whenever something a reader sees changes."""
    try:
        if cache.incr(GENERATION_KEY) is None:  # Redis unreachable (core.cache)
            log.warning("page cache: could not bump the generation")
    except ValueError:  # no generation yet: any new one makes the kept pages stale
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # the cache is down: pages are not served from it either
        log.warning("page cache: could not bump the generation", exc_info=True)


def generation():
    """The current content generation, or None while the cache cannot say (Redis down).

    A missing generation (a new or restarted Redis) starts from the clock, never from a value
    that pages kept in a process's memory might carry from before.
    """
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        current = cache.get(GENERATION_KEY)
    return current


def page_key(environ):
    path = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
    host = environ.get("HTTP_HOST", "")
    return "pagecache:page:" + blake2b(f"{host}{path}".encode(), digest_size=16).hexdigest()


def is_anonymous(environ):
    cookies = environ.get("HTTP_COOKIE", "")
    return not any(name + "=" in cookies for name in PERSONAL_COOKIES)


class PageCache:
    """WSGI wrapper: serve a cached page, or run Django and keep what may be shared.

    Each process also keeps the pages it served last: a hit then costs one small read (the
    generation) instead of fetching the whole page from the shared cache again.
    """

    LOCAL_PAGES = 256

    def __init__(self, app):
        self.app = app
        self.local = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not is_anonymous(environ)
            or not settings.NEWSROOM_PAGE_CACHE_SECONDS  # turned off (the demo's default)
        ):
            return self.app(environ, start_response)
        key = page_key(environ)
        try:
            current = generation()
            page = self.local.get(key)
            if current is not None and not fresh(page, current):
                page = cache.get(key)
                if fresh(page, current):
                    self.remember(key, page)
        except Exception:
            log.warning("page cache: read failed, serving uncached", exc_info=True)
            return self.app(environ, start_response)
        if current is None:  # Redis is down: no way to know what is fresh; neither serve nor keep
            return self.app(environ, start_response)
        if fresh(page, current):
            return self.serve(environ, start_response, page)
        return self.fill(environ, start_response, key, current)

    def remember(self, key, page):
        with self.lock:
            self.local[key] = page
            self.local.move_to_end(key)
            while len(self.local) > self.LOCAL_PAGES:
                self.local.popitem(last=False)

    def serve(self, environ, start_response, page):
        _generation, status, headers, body, etag, _expires = page
        if environ.get("HTTP_IF_NONE_MATCH") == etag:
            start_response("304 Not Modified", [("ETag", etag)])
            return [b""]
        start_response(status, [*headers, ("X-Page-Cache", "hit")])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def fill(self, environ, start_response, key, generation):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, [*headers, ("X-Page-Cache", "miss")], exc_info)

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        if environ["REQUEST_METHOD"] == "GET" and storable(captured):
            self.store(key, generation, captured, body)
        return [body]

    def store(self, key, generation, captured, body):
        etag = '"' + blake2b(body, digest_size=16).hexdigest() + '"'
        headers = [(name, value) for name, value in captured["headers"] if name != "ETag"]
        headers.append(("ETag", etag))
        try:
            seconds = ttl()
            page = (generation, captured["status"], headers, body, etag, time.time() + seconds)
            cache.set(key, page, seconds)
        except Exception:
            log.warning("page cache: write failed", exc_info=True)
            return
        self.remember(key, page)


def fresh(page, generation):
    """Made under the current generation, and not past its end (a scheduled publication)."""
    return page is not None and page[0] == generation and page[5] > time.time()


def storable(captured):
    if not captured.get("status", "").startswith("200"):
        return False
    headers = {name.lower(): value for name, value in captured["headers"]}
    return (
        "set-cookie" not in headers
        and "public" in headers.get("cache-control", "")
        and headers.get("content-type", "").startswith(CACHEABLE_TYPES)
    )


# Callables that say when a page may next change without any save (an article scheduled to
# go live, say). The apps register them (articles.apps): core knows no app.
_expiry_sources = []


def expire_pages_at(source):
    """Register `source()`: the next time (or None) at which cached pages must be redrawn."""
    if source not in _expiry_sources:
        _expiry_sources.append(source)


def ttl():
    """Seconds a page may be kept: the setting, or less when something is due to change."""
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    for due in filter(None, (source() for source in _expiry_sources)):
        seconds = min(seconds, max(1, int((due - timezone.now()).total_seconds())))
    return seconds


class PublicCacheHeadersMiddleware:
    """Mark anonymous reader pages as shareable; a CDN must revalidate (ETag) before reuse."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if shareable(request, response):
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
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
