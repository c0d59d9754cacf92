"""The outbox against a Redis of this test's own that stops and starts again:
while it is stopped a commit still stands at once and its message waits; a
restart does not cost the message sent over the connection kept from before;
and once Redis is back the sweep sends what waited."""

import shutil
import subprocess
import time
import uuid

import pytest
from django.utils import timezone

from conftest import require_or_skip
from core import queue
from core.models import OutboxMessage
from core.tests import outbox_fixtures
from jobs import tasks

_broker_not_known_down = outbox_fixtures._broker_not_known_down
pytestmark = [pytest.mark.django_db, pytest.mark.services]
TASK = tasks.send_join_decision


class OwnRedis:
    """A redis-server on a free port, with nothing saved to disk."""

    def __init__(self, tmp_path):
        self.port = outbox_fixtures.closed_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 — a fixed binary and our own arguments
            [shutil.which("redis-server"), "--port", str(self.port), "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_timeout=1).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail("our own redis-server did not start within 10 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def queued(self, name):
        import redis

        return redis.Redis(port=self.port, socket_timeout=1).llen(name)


@pytest.fixture
def own_redis(tmp_path, monkeypatch):
    require_or_skip(shutil.which("redis-server"), "needs the redis-server binary")
    from gentrack.celery import app

    server = OwnRedis(tmp_path)
    server.start()
    before = app.conf.broker_url
    app.conf.task_always_eager = False  # conftest sets it back for the next test
    app.conf.broker_url = f"redis://127.0.0.1:{server.port}/0"
    server.queue = f"gentrack-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(TASK, "_exec_options", {**TASK._get_exec_options(), "queue": server.queue})
    yield server
    server.stop()
    app.conf.broker_url = before
    queue._drop_connection()


def enqueue(capture, *args):
    with capture(execute=True):
        message = queue.enqueue_on_commit(TASK.name, *args)
    message.refresh_from_db()
    return message


def test_redis_stopping_and_starting_again_loses_no_message(own_redis, django_capture_on_commit_callbacks):
    assert enqueue(django_capture_on_commit_callbacks, 1).state == "sent"
    assert own_redis.queued(own_redis.queue) == 1

    # Restarted between two requests: the connection kept from the first one
    # was closed by the server, and the message still goes at once.
    own_redis.stop()
    own_redis.start()
    assert enqueue(django_capture_on_commit_callbacks, 2).state == "sent"
    assert own_redis.queued(own_redis.queue) == 1  # nothing saved: the new server holds only this one

    own_redis.stop()
    started = time.monotonic()
    waiting = enqueue(django_capture_on_commit_callbacks, 3)
    elapsed = time.monotonic() - started
    assert waiting.state == "pending" and waiting.attempts == 1
    assert elapsed < 3, f"a commit with Redis stopped took {elapsed:.2f} s"

    own_redis.start()
    OutboxMessage.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    assert queue.sweep() == {"sent": 1, "not_sent": 0}
    assert own_redis.queued(own_redis.queue) == 1
