"""The Redis cache answers as an empty cache while Redis is down, costs a
dead or hung Redis one timeout rather than one per call, logs the outage
once, and is used again as soon as Redis answers."""

import logging
import socket
import time

import pytest

from core.cache import ResilientRedisCache
from core.tests.redis_server import RedisServer

TIMEOUT = 0.2


def resilient_cache(url, retry_after=60):
    return ResilientRedisCache(
        url,
        {
            "KEY_PREFIX": "test",
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT, "retry_after": retry_after},
        },
    )


@pytest.fixture
def refused_url():
    """A port bound but not listening: every connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.fixture
def hung_url():
    """A port that accepts connections and never answers, like a Redis
    stopped with SIGSTOP or a network that drops packets."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


def test_a_cache_whose_redis_is_down_answers_as_an_empty_cache(refused_url):
    cache = resilient_cache(refused_url)

    assert cache.get("figures") is None
    assert cache.get("figures", "fallback") == "fallback"
    assert cache.get_or_set("count", lambda: 42) == 42
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.add("a", 1) is False
    assert cache.set("a", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("a") is False
    cache.delete_many(["a", "b"])
    cache.clear()
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")


def test_an_outage_is_logged_once_however_many_calls_meet_it(refused_url, caplog):
    cache = resilient_cache(refused_url, retry_after=0)

    with caplog.at_level(logging.WARNING, logger="gentrack.cache"):
        for _ in range(50):
            cache.get("figures")
            cache.set("figures", 1)

    warnings = [record for record in caplog.records if record.name == "gentrack.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage() and "serving from the database" in warnings[0].getMessage()


def test_the_outage_warning_never_shows_the_redis_password(caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        cache = resilient_cache(f"redis://:s3cret-pass@127.0.0.1:{sock.getsockname()[1]}/0")
        with caplog.at_level(logging.WARNING, logger="gentrack.cache"):
            cache.get("figures")

    assert "127.0.0.1" in caplog.text
    assert "s3cret-pass" not in caplog.text


def test_a_hung_redis_costs_one_timeout_not_one_per_call(hung_url):
    cache = resilient_cache(hung_url, retry_after=60)

    started = time.monotonic()
    for _ in range(20):
        assert cache.get("figures") is None
    elapsed = time.monotonic() - started

    # Without the breaker this would be 20 timeouts, four seconds.
    assert elapsed < 3 * TIMEOUT
    assert cache.breaker.is_open


def test_the_breaker_is_shared_by_every_thread_of_the_process(refused_url):
    """Django makes one cache object per thread; one thread meeting the
    outage spares the others their own attempt."""
    first, second = resilient_cache(refused_url), resilient_cache(refused_url)

    first.get("figures")

    assert second.breaker is first.breaker and second.breaker.is_open


@pytest.mark.services
def test_the_cache_is_used_again_by_itself_once_redis_answers(tmp_path, caplog):
    server = RedisServer(tmp_path / "redis.log")
    cache = resilient_cache(server.url, retry_after=0.2)
    with caplog.at_level(logging.INFO, logger="gentrack.cache"):
        cache.set("figures", 1)
        assert cache.breaker.is_open
        try:
            server.start()
            time.sleep(0.3)
            cache.set("figures", {"commitments": 7})

            assert cache.get("figures") == {"commitments": 7}
            assert server.client().exists("test:1:figures")
            assert not cache.breaker.is_open
            assert "answers again" in caplog.records[-1].getMessage()
        finally:
            server.stop()


@pytest.mark.services
def test_a_redis_that_restarts_is_used_again_without_stale_connections(tmp_path):
    server = RedisServer(tmp_path / "redis.log").start()
    cache = resilient_cache(server.url, retry_after=0.2)
    try:
        cache.set("figures", 1)
        assert cache.get("figures") == 1
        server.stop()
        assert cache.get("figures") is None
        server.start()
        time.sleep(0.3)

        # The first call after the wait goes to the new server on a new
        # connection, not on the dead one kept in the pool.
        cache.set("figures", 2)

        assert server.client().get("test:1:figures") == b"2"
    finally:
        server.stop()
