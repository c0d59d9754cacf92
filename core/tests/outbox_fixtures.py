"""Fixtures for the tests that take the broker away: a Redis port that
refuses, and the sweep run as beat would run it. Import them by name."""

import socket

import pytest

from core import queue


def closed_port():
    """A port nothing listens on: bound, read, released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _broker_not_known_down(monkeypatch):
    """Each test starts with the process's memory of a refusing broker
    cleared (core.queue skips the after-commit try for a while after one)."""
    monkeypatch.setattr(queue, "_broker_down_until", 0.0)


@pytest.fixture
def broker_down():
    """Celery really sends (not eager) to a Redis port that refuses. Call the
    fixture's value to bring the broker "back": tasks then run in-process, as
    a worker would run them (the real worker's turn is in
    jobs/tests/test_outbox_worker.py)."""
    from gentrack.celery import app

    before = app.conf.broker_url
    app.conf.task_always_eager = False  # conftest sets it back for the next test
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"

    def back():
        app.conf.broker_url = before
        app.conf.task_always_eager = True
        queue._broker_down_until = 0.0

    yield back
    app.conf.broker_url = before
