"""The shared cache: Redis, and the database's cache table while Redis cannot be reached.

Sessions (``cached_db``), allauth's rate limits and failed sign-in counts, the report-a-problem
limits and a few lookups all live in the default cache. If it raised while Redis is away, every
page that touches a session would fail; if it swallowed the errors (django-redis's
``IGNORE_EXCEPTIONS``), throttling would silently stop. This backend does neither: when Redis
fails it serves the call from Django's ``DatabaseCache`` in PostgreSQL, which every app server
shares too, so limits keep holding across servers. After a failure this process leaves Redis
alone for ``RETRY_SECONDS`` (no connection attempt per call while it is down), then tries it
again.

What is written during an outage stays in the database table; when Redis answers again the
counts start afresh there. Sessions are always in the database as well, so none is lost.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

# What "Redis cannot be reached" looks like from django-redis and redis-py.
UNAVAILABLE = (RedisError, ConnectionInterrupted, OSError)

_state_lock = threading.Lock()
# alias of the fallback -> monotonic time before which Redis is not tried; shared by threads.
_down_until: dict[str, float] = {}


def _log(level, event, **fields):
    logger.log(level, event, extra={"fields": {"event": event, **fields}})


class FallbackCache(BaseCache):
    """A django-redis cache that falls back to another cache alias (``OPTIONS["FALLBACK"]``)."""

    def __init__(self, server, params):
        super().__init__(params)
        options = dict(params.get("OPTIONS", {}))
        self._fallback_alias = options.pop("FALLBACK")
        self._retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self._redis = RedisCache(server, {**params, "OPTIONS": options})

    # -- Which backend answers -----------------------------------------------------------------

    @property
    def _fallback(self):
        return caches[self._fallback_alias]

    def redis_is_down(self):
        return time.monotonic() < _down_until.get(self._fallback_alias, 0.0)

    def _mark_down(self, error):
        with _state_lock:
            was_up = not self.redis_is_down()
            _down_until[self._fallback_alias] = time.monotonic() + self._retry_seconds
        if was_up:
            _log(logging.WARNING, "cache_fallback", error=type(error).__name__)

    def _call(self, method, *args, **kwargs):
        if not self.redis_is_down():
            try:
                result = getattr(self._redis, method)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._mark_down(error)
            else:
                if _down_until and _down_until.pop(self._fallback_alias, None) is not None:
                    _log(logging.INFO, "cache_recovered")
                return result
        return getattr(self._fallback, method)(*args, **kwargs)

    def ping(self):
        """Whether Redis itself answers now, whatever this process last concluded."""
        try:
            return bool(self._redis.client.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    # -- Django's cache API, method by method --------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta, version=version)

    def clear(self):
        return self._call("clear")

    def close(self, **kwargs):
        self._redis.close(**kwargs)
