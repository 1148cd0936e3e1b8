"""Purge the shared caches in front of the app (Varnish nodes, a CDN) by cache tag.

Every invalidation (core.cachetags) becomes one task per target, carrying all its tags in one
header (split only past HEADER_BYTES): a soft purge for an edit (the old page may be served
for the grace while it is redrawn), a hard one for a takedown. The tasks run on the project's
queue (core.apps connects the listener), so a purge survives the request that caused it. A
purge that fails is sent again after a pause that doubles up to MAX_PAUSE, until it goes
through or until every copy it would drop has expired anyway (the longest life of a page plus
the grace, counted from the change): each purge reaches each target at least once while it
still matters. Sending one twice is harmless.
"""

import logging
import threading
import time
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

log = logging.getLogger(__name__)

# Varnish refuses request headers over 8 KB (http_req_hdr_len); CDNs' limits are higher.
HEADER_BYTES = 7900
TIMEOUT_SECONDS = 3
MAX_PAUSE = 60
# How long Varnish keeps a softly purged page (beresp.grace in core/varnish/newsroom.vcl).
GRACE_SECONDS = 30


def targets():
    """(kind, url) of every cache to purge, from the settings."""
    found = [("varnish", url) for url in settings.NEWSROOM_VARNISH_PURGE_URLS]
    if settings.NEWSROOM_CDN_PURGE_URL:
        found.append(("cdn", settings.NEWSROOM_CDN_PURGE_URL))
    return found


def batches(names):
    """The tag names in groups whose space-separated header stays under HEADER_BYTES."""
    batch, size = [], 0
    for name in names:
        if batch and size + len(name) + 1 > HEADER_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(name)
        size += len(name) + 1
    if batch:
        yield batch


def on_invalidate(names, hard):
    """Queue the purge of `names` on every target (called after the change is committed)."""
    for kind, url in targets():
        for keys in batches(names):
            try:
                send_purge.enqueue(kind, url, keys, hard, time.time())
            except Exception:
                # The page cache's versions are bumped: the change itself stands, and the
                # request that made it is not failed.
                log.exception("purge: could not queue the purge of %s on %s", keys, url)


@task
def send_purge(kind, url, keys, hard, changed_at, attempt=1):
    """Send one purge; if it fails, queue it again a little later."""
    try:
        SENDERS[kind](url, keys, hard)
    except OSError as error:  # no answer, a timeout, or an error status (HTTPError)
        pause = min(2 ** (attempt - 1), MAX_PAUSE)
        expired = changed_at + settings.NEWSROOM_PAGE_CACHE_SECONDS + GRACE_SECONDS
        if time.time() + pause > expired:
            log.error("purge: %s failed %d times (%s); gave up", url, attempt, error)
            return False
        log.warning("purge: %s failed (%s); again in %d s", url, error, pause)
        later(pause, send_purge, kind, url, keys, hard, changed_at, attempt + 1)
        return False
    return True


def later(seconds, task_, *args):
    """Run `task_` in `seconds`: deferred on a queue that can defer; otherwise (the immediate
    backend of development and tests) from a timer in this process."""
    if task_.get_backend().supports_defer:
        when = timezone.now() + timedelta(seconds=seconds)
        task_.using(run_after=when).enqueue(*args)
    else:
        timer = threading.Timer(seconds, task_.enqueue, args)
        timer.daemon = True
        timer.start()


def purge_varnish(url, keys, hard):
    """PURGE / with xkey-purge or xkey-softpurge (core/varnish/newsroom.vcl)."""
    header = "xkey-purge" if hard else "xkey-softpurge"
    address = url if urllib.parse.urlsplit(url).path else url.rstrip("/") + "/"
    send("PURGE", address, {header: " ".join(keys)})


def purge_cdn(url, keys, hard):
    """A Fastly-style purge by surrogate key: POST with the keys in `Surrogate-Key`."""
    token = settings.NEWSROOM_CDN_PURGE_TOKEN
    headers = {"Surrogate-Key": " ".join(keys)}
    if token:
        headers |= {"Fastly-Key": token, "Authorization": "Bearer " + token}
    if not hard:
        headers["Fastly-Soft-Purge"] = "1"
    send("POST", url, headers)


def send(method, url, headers):
    """Send; an answer other than 2xx raises (urllib's HTTPError is an OSError)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"not an http(s) address: {url}")
    request = urllib.request.Request(url, data=b"", method=method, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        response.read()
        if not 200 <= response.status < 300:
            raise OSError(f"{url} answered {response.status}")


SENDERS = {"varnish": purge_varnish, "cdn": purge_cdn}
