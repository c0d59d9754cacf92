"""Real `celery worker` processes for the tests that kill one mid-job.

They need the real services (CI sets DATABASE_URL and REDIS_URL). Each worker
is pointed at the test database and at a queue of the test's own, so it never
takes another test run's or another developer's messages."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from conftest import require_or_skip
from jobs import tasks


def redis_answers():
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def worker_database_url():
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "localhost"
    return f"postgres://{credentials}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def _forget_unacknowledged(client, queue_name):
    """Drop the messages a killed worker left unacknowledged on this queue:
    otherwise a later worker started with a short visibility timeout would
    put them back on a queue nobody reads."""
    for tag, payload in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError, TypeError):
            continue
        if routing_key == queue_name:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own, on which every long job's task is sent."""
    require_or_skip(connection.vendor == "postgresql", "a worker process cannot see an SQLite test database")
    require_or_skip(redis_answers(), "needs Redis: set REDIS_URL to a running server")
    from gentrack.celery import app

    app.conf.task_always_eager = False  # the root conftest's autouse fixture sets it back for the next test
    name = f"gentrack-test-{uuid.uuid4().hex[:12]}"
    for _model, task in tasks.LONG_JOBS:
        monkeypatch.setattr(task, "_exec_options", {**task._get_exec_options(), "queue": name})
    yield name
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
    _forget_unacknowledged(client, name)


@pytest.fixture
def workers(queue, tmp_path):
    """Start `celery worker` processes on the test queue; all are stopped
    (their whole process group) at the end."""
    started = []

    def start(**extra_env):
        env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "DB_CONN_MAX_AGE": "0",
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "REPORT_PDF_LANGUAGES": ",".join(settings.REPORT_PDF_LANGUAGES),
            **extra_env,
        }
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115 — closed with the process
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "gentrack",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "-Q",
                queue,
                "-n",
                f"{queue}-{len(started)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def kill(process):
    """SIGKILL the worker and its pool child at once, as a lost machine would."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for(model, pk, condition, timeout, logs_dir, seen=None):
    """Poll the job row (from the test's own connection, not the worker's)
    until `condition(row)`; every (status, progress) read goes into `seen`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = model._default_manager.get(pk=pk)
        if seen is not None:
            seen.append((row.status, row.progress))
        if condition(row):
            return row
        time.sleep(0.2)
    logs = "\n".join(path.read_text(errors="replace")[-3000:] for path in sorted(Path(logs_dir).glob("worker-*.log")))
    pytest.fail(f"{model.__name__} {pk} still {row.status} at {row.progress}% after {timeout}s\n{logs}")


def progress_seen_while_running(seen):
    """The progress values read while the job was running, strictly between
    0 and 100."""
    return sorted({progress for status, progress in seen if status == "running" and 0 < progress < 100})
