"""The shared cache: Redis, and the database's cache table while Redis cannot be reached.

Sessions (``cached_db``), allauth's rate limits and failed sign-in counts, the report-a-problem
limits and a few lookups all live in the default cache. If it raised while Redis is away, every
page that touches a session would fail; if it swallowed the errors (django-redis's
``IGNORE_EXCEPTIONS``), throttling would silently stop. This backend does neither: when Redis
fails it serves the call from Django's ``DatabaseCache`` in PostgreSQL, which every app server
shares too, so limits keep holding across servers. After a failure this process leaves Redis
alone for ``RETRY_SECONDS`` (no connection attempt per call while it is down), then tries it
again.

What is written during an outage stays in the database table until Redis answers again; then
the keys written meanwhile are dropped from Redis (it may hold older copies, after a network
partition), the table is emptied, and the counts start afresh in Redis. Sessions are always in
the database as well, so none is lost.
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
# alias of the fallback -> the (key, version) pairs written to the table while Redis was down;
# None among them when there were too many to remember (then Redis is emptied on its return).
_changed: dict[str, set] = {}
MAX_REMEMBERED = 100_000


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

    def _call(self, method, *args, changes=(), **kwargs):
        """``method`` on Redis, or on the table while Redis is down. ``changes``: the keys a
        write changes, remembered while it goes to the table."""
        if not self.redis_is_down():
            try:
                if self._fallback_alias in _down_until:  # Redis was down: is it back?
                    self._recover()
                return getattr(self._redis, method)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._mark_down(error)
        if changes:
            self._remember(changes, kwargs.get("version"))
        return getattr(self._fallback, method)(*args, **kwargs)

    def _remember(self, keys, version):
        with _state_lock:
            changed = _changed.setdefault(self._fallback_alias, set())
            if None in changed:  # overflowed already: Redis will be emptied
                return
            changed.update((key, version) for key in keys)
            if len(changed) > MAX_REMEMBERED:
                changed.clear()
                changed.add(None)

    def _recover(self):
        """Before Redis serves again (raises while it still can't be reached).

        What this process changed in the table meanwhile, Redis may still hold from before (a
        network partition): drop those keys there, so the next read comes from the database (a
        session signed out meanwhile stays signed out). Then empty the table, so that no copy
        written during this outage is read back in the next one.
        """
        self._redis.has_key("cache-probe")
        with _state_lock:
            changed = set(_changed.get(self._fallback_alias, ()))
        if None in changed:
            self._redis.clear()
        for version in {version for _key, version in changed}:
            self._redis.delete_many([key for key, v in changed if v == version], version=version)
        with _state_lock:
            _changed.get(self._fallback_alias, set()).difference_update(changed)
            _down_until.pop(self._fallback_alias, None)
        try:
            self._fallback.clear()
        except Exception as error:  # the database may be down too; the counts just age out
            _log(logging.WARNING, "cache_recovered", cleared=False, error=type(error).__name__)
        else:
            _log(logging.INFO, "cache_recovered", cleared=True, dropped=len(changed))

    def ping(self):
        """Whether Redis itself answers now, whatever this process last concluded."""
        try:
            return bool(self._redis.client.get_client(write=True).ping())
        except UNAVAILABLE:
            return False

    # -- Django's cache API, method by method --------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version, changes=[key])

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version, changes=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version, changes=[key])

    def delete(self, key, version=None):
        return self._call("delete", key, version=version, changes=[key])

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version, changes=list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version, changes=list(keys))

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version, changes=[key])

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta, version=version, changes=[key])

    def clear(self):
        return self._call("clear")

    def close(self, **kwargs):
        self._redis.close(**kwargs)
