"""The API's throttles fail open while the cache's Redis is down: the
requests are served, not refused."""

import socket

import pytest


@pytest.fixture
def throttled_to_two_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "2/minute"},
    }


def test_throttles_let_every_call_through_while_the_cache_is_down(anon, db, settings, throttled_to_two_a_minute):
    with socket.socket() as dead:  # bound, not listening: Redis there refuses connections
        dead.bind(("127.0.0.1", 0))
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{dead.getsockname()[1]}/0",
            }
        }

        statuses = [anon.get("/api/v1/themes/").status_code for _ in range(5)]

    assert statuses == [200] * 5


def test_the_same_throttles_refuse_the_third_call_while_the_cache_answers(anon, db, throttled_to_two_a_minute):
    statuses = [anon.get("/api/v1/themes/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
