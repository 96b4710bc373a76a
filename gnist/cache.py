"""A Redis cache that fails open: while Redis is away the portal works without a cache.

The cache holds only values the portal can do without — allauth's sign-in rate
limit counters above all. With Django's plain ``RedisCache`` an unreachable
Redis turns every sign-in into a 500; here a read misses, a write is dropped
and a warning is logged. After a failure Redis is not asked again for
``RETRY_AFTER`` seconds, so a hanging Redis costs one socket timeout, not one
per request. While it is down the rate limit does not count: a short window
without a limit is better than nobody being able to sign in.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _guard(self, operation, fallback, *args, **kwargs):
        if self.is_down:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except Exception as error:  # redis-py raises ConnectionError, TimeoutError, OSError…
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("cache unavailable (%s): %s", operation, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: allauth takes its rate-limit lock with add(); failing open means "got it".
        return self._guard("add", True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # Django's contract: incr of a missing key raises ValueError; callers handle it.
        if self.is_down:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("cache unavailable (incr): %s", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def clear(self):
        return self._guard("clear", False)
