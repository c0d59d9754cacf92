"""A real `celery worker` compiles accountability reports against Redis and
PostgreSQL: started from the admin, and finished exactly once when its worker
is killed in the middle.

These need the real services (CI sets DATABASE_URL and REDIS_URL). The worker
process is pointed at the test database and a queue of its own, so it never
takes another test run's or another developer's messages.
"""

import io
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
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from conftest import require_or_skip
from jobs import tasks
from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import EXPECTED_TOTALS, build_world, make_compiler, pdf_page_count, queue_report

Status = AccountabilityReport.Status
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


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


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own, on which the compile task is sent."""
    require_or_skip(connection.vendor == "postgresql", "a worker process cannot see an SQLite test database")
    require_or_skip(redis_answers(), "needs Redis: set REDIS_URL to a running server")
    from gentrack.celery import app

    app.conf.task_always_eager = False  # conftest's autouse fixture sets it back for the next test
    name = f"gentrack-test-{uuid.uuid4().hex[:12]}"
    task = tasks.compile_accountability_report
    monkeypatch.setattr(task, "_exec_options", {**task._get_exec_options(), "queue": name})
    yield name
    import redis

    redis.Redis.from_url(settings.REDIS_URL).delete(name)


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


def wait_for(report_id, condition, timeout, logs_dir):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = AccountabilityReport.objects.get(pk=report_id)
        if condition(report):
            return report
        time.sleep(0.2)
    logs = "\n".join(path.read_text(errors="replace")[-3000:] for path in sorted(Path(logs_dir).glob("worker-*.log")))
    pytest.fail(f"report {report_id} still {report.status} at {report.progress}% after {timeout}s\n{logs}")


def download(client, report, file_format):
    response = client.get(report.download_url(file_format))
    assert response.status_code == 200, file_format
    return b"".join(response.streaming_content)


def test_a_worker_compiles_the_report_queued_from_the_admin(client, workers, tmp_path):
    cycle = build_world()
    compiler = make_compiler()
    compiler.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))
    workers()
    client.force_login(compiler)
    response = client.post(
        reverse("admin:reporting_reportingcycle_changelist"),
        {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
    )
    assert response.status_code == 302
    queued = AccountabilityReport.objects.get()
    report = wait_for(queued.pk, lambda r: r.status in (Status.SUCCEEDED, Status.FAILED), 120, tmp_path)
    assert report.status == Status.SUCCEEDED, report.error
    assert report.attempts == 1
    workbook = load_workbook(io.BytesIO(download(client, report, "xlsx")))
    summary = {row[0]: row[2] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["makers"] == report.data["totals"]["makers"] == 3
    assert download(client, report, "zip").startswith(b"PK")
    assert b"Accountability report 2024" in download(client, report, "html")
    assert pdf_page_count(download(client, report, "pdf")) >= 1


def test_a_compile_whose_worker_is_killed_midway_is_finished_once_by_another(workers, tmp_path):
    cycle = build_world()
    report = queue_report(cycle, make_compiler())
    # Slow steps, so the compile is surely half done when the worker dies.
    first = workers(GENTRACK_REPORT_STEP_DELAY="0.5")
    running = wait_for(report.pk, lambda r: r.status == Status.RUNNING and r.progress >= 20, 30, tmp_path)
    kill(first)
    killed = AccountabilityReport.objects.get(pk=report.pk)
    assert killed.status == Status.RUNNING and killed.progress < 100
    # The new worker gets the unacknowledged message back at start-up (its
    # visibility timeout is short) and finds the dead worker's heartbeat stale.
    workers(CELERY_VISIBILITY_TIMEOUT="1", REPORT_STALE_AFTER="2")
    done = wait_for(report.pk, lambda r: r.status in (Status.SUCCEEDED, Status.FAILED), 120, tmp_path)
    assert done.status == Status.SUCCEEDED, done.error
    assert done.attempts == 2
    assert done.claim_token != running.claim_token
    assert done.data["totals"] == EXPECTED_TOTALS
    files = sorted(path.name for path in (Path(settings.MEDIA_ROOT) / "reports").rglob("*") if path.is_file())
    assert files == [
        "gentrack-accountability-report-2024-v1-csv.zip",
        "gentrack-accountability-report-2024-v1.html",
        "gentrack-accountability-report-2024-v1.pdf",
        "gentrack-accountability-report-2024-v1.xlsx",
    ]
