"""A Redis cache that a Redis outage cannot turn into errors.

The cache holds nothing that PostgreSQL cannot give again: the dashboard's
figures, the catalogue's and the API's counts, the API's throttle counters.
So when Redis is unreachable or too slow, `ResilientRedisCache` answers as an
empty cache would (a miss for every read, nothing stored for every write) and
the callers compute from the database as they do on any miss. No call site
needs a special case.

A dead Redis must not cost every request a timeout either: after a failure
the cache stops asking Redis for `retry_after` seconds (a circuit breaker),
then lets one request try again; the first success closes the breaker and the
cache is used again, with nobody having to restart anything. The outage is
logged twice per process, when it starts and when it ends, not once per
request. `/healthz` reads the same breaker to say the cache is degraded.

Throttles fail open while the cache is down: DRF's throttles read their
request history from the cache, get an empty one and let the request through.
Serving partners without rate limits for a few minutes is better than
refusing every call.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("gentrack.cache")

DEFAULT_RETRY_AFTER = 5.0


class CircuitBreaker:
    """Whether one Redis server is worth asking, shared by every thread of the
    process. Django gives each thread its own cache object; the outage is the
    same for all of them, so is the breaker."""

    def __init__(self, name, retry_after):
        self.name = name
        self.retry_after = retry_after
        self.down_since = None  # time.time() of the first failure, None while Redis answers
        self.last_error = ""
        self._retry_at = 0.0  # time.monotonic() before which nobody asks Redis
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self.down_since is not None

    def allows(self):
        """True if a call may go to Redis now. While it is down, one caller
        every `retry_after` seconds gets to try; the others are answered at
        once."""
        if self.down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                return False
            # Push the next try away before this one runs, so that the other
            # threads do not all queue up behind a timeout at the same moment.
            self._retry_at = now + self.retry_after
            return True

    def failed(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_after
            self.last_error = type(error).__name__
            started = self.down_since is None
            if started:
                self.down_since = time.time()
        if started:
            logger.warning(
                "Cache %s is unreachable (%s: %s): serving from the database, trying again every %gs.",
                self.name,
                type(error).__name__,
                error,
                self.retry_after,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self._lock:
            down_since, self.down_since = self.down_since, None
            self.last_error = ""
        if down_since is not None:
            logger.info("Cache %s answers again after %.0fs: using it again.", self.name, time.time() - down_since)


_breakers = {}
_breakers_lock = threading.Lock()


def without_credentials(location):
    """The server's address as it may appear in a log: a password in the URL
    (redis://:secret@host) must not."""
    parts = urlsplit(location)
    if parts.password is None and parts.username is None:
        return location
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def breaker_for(location, retry_after):
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            name = ",".join(without_credentials(server) for server in location.split(","))
            breaker = _breakers[location] = CircuitBreaker(name, retry_after)
        breaker.retry_after = retry_after
        return breaker


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answering a miss instead of raising while Redis is
    down. OPTIONS take redis-py's connection arguments (give it short
    `socket_connect_timeout` and `socket_timeout`: a slow cache is no help)
    and `retry_after`, the seconds between tries while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = dict(self._options)
        retry_after = float(options.pop("retry_after", DEFAULT_RETRY_AFTER))
        self._options = options
        self.breaker = breaker_for(",".join(self._servers), retry_after)

    def _guarded(self, call, fallback):
        if not self.breaker.allows():
            return fallback
        try:
            result = call()
        except RedisError as error:
            self._drop_connections()
            self.breaker.failed(error)
            return fallback
        self.breaker.succeeded()
        return result

    def _drop_connections(self):
        """Close this thread's pooled connections: after an outage they are
        dead sockets, and the first try once Redis is back must not pick one
        of them and fail again."""
        if "_cache" not in self.__dict__:
            return
        for pool in list(self._cache._pools.values()):
            try:
                pool.disconnect()
            except (RedisError, OSError):
                pass

    def ping(self):
        """Ask Redis now, whatever the breaker says, and record the answer:
        /healthz uses it, and a success there ends the outage for everyone."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as error:
            self._drop_connections()
            self.breaker.failed(error)
            return False
        self.breaker.succeeded()
        return True

    # Each operation answers what an empty cache would.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guarded(lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing)
        if result is missing:
            # What Django's caches say of a key they do not hold.
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._guarded(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        return self._guarded(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guarded(lambda: super(ResilientRedisCache, self).clear(), False)
