"""/healthz: can this process serve, and is it serving at full strength?

- The database is the foundation: without it nothing can be served, and the
  answer is 503 ("unavailable") so that a load balancer takes the process out.
- The cache and the broker are helpers: without them the site still serves
  every page from PostgreSQL (core/cache.py), so the answer stays 200, with
  "degraded" and the check that failed. Answering 503 there would let a
  load balancer take every web process out at once for a shared Redis,
  turning a slower site into no site.
"""

import time
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.cache import ResilientRedisCache

# /healthz must answer quickly even when Redis does not.
BROKER_TIMEOUT_SECONDS = 0.5


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; say which
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_cache():
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache):
        return {"ok": True, "mode": "in-process memory"}
    if backend.ping():
        return {"ok": True, "mode": "redis"}
    # Another thread may have seen Redis come back in between.
    down_since = datetime.fromtimestamp(backend.breaker.down_since or time.time(), tz=UTC).isoformat(timespec="seconds")
    return {"ok": False, "mode": "redis", "error": backend.breaker.last_error, "down_since": down_since}


def check_broker():
    if not settings.REDIS_URL:
        return {"ok": True, "mode": "eager (no broker configured)"}
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=BROKER_TIMEOUT_SECONDS, socket_timeout=BROKER_TIMEOUT_SECONDS
    )
    try:
        client.ping()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    finally:
        client.close()
    return {"ok": True, "mode": "redis"}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    if not checks["database"]["ok"]:
        status, code = "unavailable", 503
    elif all(check["ok"] for check in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
