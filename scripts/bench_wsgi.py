"""The production application with a render counter, served by granian in `make bench`'s news
traffic: `scripts.bench_wsgi:application`.

Every reader's page that Django draws (a page-cache miss, or a redraw while others get the
stale copy) adds one to a Redis counter; pages the cache answers never reach it. Counted here,
at the server, because Varnish redraws in the background in its grace time and readers never
see those requests. One INCR a render; nothing else differs from newsroom.wsgi.
"""

import os

import redis

from core.pagecache import PageCache
from newsroom.wsgi import django_application

RENDERS = "bench:renders"
counter = redis.Redis.from_url(os.environ["BENCH_RENDERS_REDIS"])


def counting(environ, start_response):
    # The writers' token requests and posts are not pages.
    if environ["REQUEST_METHOD"] == "GET" and not environ["PATH_INFO"].startswith("/comments/"):
        counter.incr(RENDERS)
    return django_application(environ, start_response)


application = PageCache(counting)
