import socket

import pytest
from django.db.utils import OperationalError


def test_healthz_reports_database_cache_and_broker_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    class UnreachableDatabase:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("gentrack.health.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}


@pytest.fixture
def dead_redis_url():
    """A port bound but not listening: Redis there refuses every connection."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


def test_healthz_still_answers_200_but_degraded_when_the_broker_is_unreachable(client, db, settings, dead_redis_url):
    # The site serves without the broker, so a load balancer must keep it.
    settings.REDIS_URL = dead_redis_url

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"] == {"ok": False, "error": "ConnectionError"}


def test_healthz_says_the_cache_is_degraded_while_its_redis_is_down(client, db, settings, dead_redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"retry_after": 60},
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["cache"]["down_since"]
    assert body["checks"]["database"]["ok"] is True
