"""Values looked up once per request (site settings read by every date on a page).

Only inside a request: between requests, and in commands and task workers, every call asks
the cache again, so nothing outlives the request that read it.
"""

import threading

from django.core.signals import request_finished, request_started

_local = threading.local()


def per_request(key, factory):
    store = getattr(_local, "values", None)
    if store is None:
        return factory()
    if key not in store:
        store[key] = factory()
    return store[key]


def forget(key):
    store = getattr(_local, "values", None)
    if store is not None:
        store.pop(key, None)


def _start(**kwargs):
    _local.values = {}


def _finish(**kwargs):
    _local.values = None


request_started.connect(_start, dispatch_uid="newsroom-memo-start")
request_finished.connect(_finish, dispatch_uid="newsroom-memo-finish")
