"""Cache tags: what each public page shows, so that a change invalidates exactly its pages.

While a request is answered, the reads that feed the page name what they read (`tag()`:
"a:12" for an article, "s:3" for a section's lists, "home", "settings"...). The page is
stored with those tags and their versions; a change bumps the versions of what it touched
(`invalidate()`), and a page whose tags all have the versions it was made under is fresh.
A held comment or a draft touches nothing a reader sees, so it invalidates nothing.

A version carries the time of the last change to its tag, so a stale page knows how long it
has been stale (serving it a few seconds more while one request redraws it). A hard
invalidation (a takedown) also moves the tag's hard version: such a page is never served
again. Versions live in the shared cache (Redis): every app server sees a change at once.
The same tags go out in the `xkey` header and to the purge targets (core.purge): Varnish
nodes and a CDN drop the pages that carry them.
"""

import contextvars
import time

from django.core.cache import cache
from django.db import transaction

SOFT, HARD = "tagv:", "tagh:"
# Bumped by every invalidation: a page drawn while one happened is not stored (its data may
# predate the change while the versions it would be stored under already follow it).
SEQUENCE = "tagseq"
# Set once per life of the shared cache: a restarted, empty Redis must not let a page kept in
# a process's memory from before match versions that start again from nothing.
EPOCH = "tagepoch"
HEADER = "xkey"

_collected = contextvars.ContextVar("cache_tags", default=None)
_listeners = []


def tag(*names):
    """Name what the page being drawn shows (nothing happens outside a page being drawn)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(names)


def start_collecting():
    """Collect the tags of the page about to be drawn; returns a token for stop_collecting."""
    return _collected.set(set())


def stop_collecting(token):
    """The tags collected since start_collecting, sorted."""
    names = _collected.get() or set()
    _collected.reset(token)
    return sorted(names)


def invalidate(*names, hard=False):
    """Make the pages that show any of `names` stale: at once, and again after the commit.

    At once, so that what this transaction reads next (its own change) is not answered from
    the cache; after the commit, so that a page another request drew meanwhile from the data
    as it was before is not kept as fresh. Shared caches are purged after the commit only.
    `hard` (a takedown): never served again, even while redrawn.
    """
    names = sorted(set(names))
    if not names:
        return
    _bump(names, hard)
    transaction.on_commit(lambda: _invalidate_committed(names, hard))


def _invalidate_committed(names, hard):
    _bump(names, hard)
    for listener in _listeners:
        listener(names, hard)


def _bump(names, hard):
    version = new_version()
    versions = {SOFT + name: version for name in names}
    if hard:
        versions.update({HARD + name: version for name in names})
    cache.set_many(versions, None)


def new_version():
    """A version greater than any before it: the millisecond of the change, then the shared
    sequence (two changes within one millisecond, or under a coarse clock, still differ)."""
    try:
        sequence = cache.incr(SEQUENCE)
    except ValueError:
        cache.add(SEQUENCE, 0, None)
        sequence = cache.incr(SEQUENCE)
    return (time.time_ns() // 1_000_000) * 1_000_000 + (sequence or 0) % 1_000_000


def changed_at(version):
    """The time (seconds since the epoch) of the change that set `version`."""
    return version // 1_000_000 / 1000


def on_invalidate(listener):
    """Call `listener(names, hard)` after each invalidation (the purge of Varnish and CDNs)."""
    if listener not in _listeners:
        _listeners.append(listener)


# Callables that say when what readers see may next change without any save (an article
# scheduled to go live, say): nothing is kept past that moment. The apps register them
# (articles.apps): core knows no app.
_expiry_sources = []


def expire_at(source):
    """Register `source()`: the next time (or None) at which kept pages and fragments end."""
    if source not in _expiry_sources:
        _expiry_sources.append(source)


def next_change():
    """The earliest time a registered source names, or None."""
    return min(filter(None, (source() for source in _expiry_sources)), default=None)


# The version in the prefix: values of another shape, kept by an older release, are not read.
FRAGMENT = "fragment:v2:"


def fragment(name, names, compute, seconds=3600):
    """compute(), kept until one of the tags `names` changes; the page shows them too.

    What a page draws from several lists (the home page's blocks, an article's comments) is
    kept on its own, so a page redrawn after a change recomputes only what that change
    touched. The versions are read before computing: a change made meanwhile leaves the kept
    value stale, never wrongly fresh.
    """
    tag(*names)
    state = read_state(names, FRAGMENT + name)
    if state is None:
        return compute()  # the cache is down
    versions = versions_of(names, state)
    kept = state.get(FRAGMENT + name)
    if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == versions and kept[2] > time.time():
        return kept[1]
    value = compute()
    due = next_change()
    ends = min(time.time() + seconds, due.timestamp() if due else float("inf"))
    cache.set(FRAGMENT + name, (versions, value, ends), seconds)
    return value


def read_state(names, *extra_keys):
    """{key: value} of the versions of `names`, the epoch, the sequence and `extra_keys`.

    One round trip. None while the shared cache cannot answer (then nothing can be trusted).
    """
    keys = [EPOCH, SEQUENCE, *(SOFT + n for n in names), *(HARD + n for n in names), *extra_keys]
    found = cache.get_many(keys)
    if EPOCH not in found:
        if not cache.add(EPOCH, time.time_ns(), None) and cache.get(EPOCH) is None:
            return None  # the cache is down
        found[EPOCH] = cache.get(EPOCH)
    return found


def versions_of(names, state):
    """(soft, hard) versions of `names` as found in `state`, with the epoch."""
    return (
        state.get(EPOCH),
        tuple(state.get(SOFT + name, 0) for name in names),
        tuple(state.get(HARD + name, 0) for name in names),
    )
