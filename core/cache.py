"""A Redis cache that treats an unreachable Redis as an empty cache instead of an error.

When Redis stops, pages are rendered from the database (every read is a miss, writes are
dropped) and the site keeps serving; when it returns, the cache fills again. Short socket
timeouts keep a dead Redis from stalling each request.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _quiet(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE:
                log.warning("cache: Redis unavailable during %s", method.__name__)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_argument(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    get = _quiet(_default_argument)(RedisCache.get)
    get_many = _quiet({})(RedisCache.get_many)
    set = _quiet(None)(RedisCache.set)
    set_many = _quiet([])(RedisCache.set_many)
    add = _quiet(False)(RedisCache.add)
    touch = _quiet(False)(RedisCache.touch)
    delete = _quiet(False)(RedisCache.delete)
    delete_many = _quiet(None)(RedisCache.delete_many)
    has_key = _quiet(False)(RedisCache.has_key)
    clear = _quiet(None)(RedisCache.clear)

    @_quiet(None)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)
