"""The claim every long job runs under (jobs/claims.py): a live worker keeps
its job, a silent one loses it to the next, a worker that lost its job writes
nothing more, and the reaper queues the jobs of dead workers again."""

import csv
import datetime
import io
import threading

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, Export, ImportJob
from commitments.tests import admin_fixtures
from commitments.tests.factories import MakerFactory
from conftest import require_or_skip
from jobs import claims, tasks
from jobs import imports as importing
from reporting.models import AccountabilityReport
from reporting.tests.factories import closed_cycle

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin


def later(model, extra=1):
    """A moment at which a heartbeat written now has gone stale."""
    return timezone.now() + datetime.timedelta(seconds=claims.stale_after(model) + extra)


def new_export(**fields):
    return Export.objects.create(kind="makers", list_model="commitments.commitmentmaker", format="csv", **fields)


def new_import(user, rows=3):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=importing.COLUMNS)
    writer.writeheader()
    for number in range(rows):
        writer.writerow({**importing.TEMPLATE_EXAMPLE, "title": f"Imported commitment {number}"})
    job = ImportJob(original_name="commitments.csv", dry_run=False, requested_by=user)
    job.source.save("commitments.csv", ContentFile(buffer.getvalue().encode()))
    return job


def test_a_queued_job_is_claimed_by_one_worker_only():
    export = new_export()
    assert claims.claim(Export, export.pk) is not None
    assert claims.claim(Export, export.pk) is None
    export.refresh_from_db()
    assert (export.status, export.attempts) == ("running", 1)
    assert export.heartbeat_at is not None


def test_a_job_whose_worker_beats_is_not_taken_over():
    job = new_export()
    owner = claims.claim(Export, job.pk)
    owner.heartbeat(progress=40)
    just_before_stale = timezone.now() + datetime.timedelta(seconds=claims.stale_after(Export) - 5)
    assert claims.claim(Export, job.pk, now=just_before_stale) is None
    job.refresh_from_db()
    assert (job.claim_token, job.progress, job.attempts) == (owner.token, 40, 1)


def test_a_job_whose_worker_went_silent_is_taken_over():
    job = new_export()
    first = claims.claim(Export, job.pk)
    second = claims.claim(Export, job.pk, now=later(Export))
    assert second is not None
    job.refresh_from_db()
    assert (job.claim_token, job.attempts, job.progress) == (second.token, 2, 0)
    assert first.token != second.token


def test_a_job_left_running_from_before_heartbeats_is_failed_not_run_again(monkeypatch):
    job = new_export(status="running", started_at=timezone.now() - datetime.timedelta(days=90))
    sent = []
    monkeypatch.setattr(tasks.build_export, "apply_async", lambda args: sent.append(args))

    assert claims.claim(Export, job.pk) is None
    assert tasks.requeue_stale_jobs() == {}

    job.refresh_from_db()
    assert (job.status, sent) == ("failed", [])
    assert "before jobs had heartbeats" in job.error


def test_finished_jobs_are_never_claimed_again():
    done = new_export(status="succeeded", progress=100)
    failed = new_export(status="failed")
    assert claims.claim(Export, done.pk, now=later(Export)) is None
    assert claims.claim(Export, failed.pk, now=later(Export)) is None


def test_a_worker_that_was_taken_over_can_neither_beat_nor_finish_nor_fail():
    job = new_export()
    old = claims.claim(Export, job.pk)
    new = claims.claim(Export, job.pk, now=later(Export))
    with pytest.raises(claims.ClaimLost):
        old.heartbeat(progress=80)
    with pytest.raises(claims.ClaimLost):
        old.finish(file="exports/stale.csv")
    old.fail(RuntimeError("too late"))
    job.refresh_from_db()
    assert (job.status, job.claim_token, job.progress, job.file.name, job.error) == ("running", new.token, 0, "", "")


def test_the_compile_keeps_its_own_stale_setting(settings):
    settings.JOB_STALE_AFTER = 120
    settings.REPORT_STALE_AFTER = 30
    assert claims.stale_after(AccountabilityReport) == 30
    assert claims.stale_after(ImportJob) == claims.stale_after(Export) == 120


def test_an_export_taken_over_publishes_nothing_and_keeps_no_file(monkeypatch):
    from django.contrib.auth import get_user_model

    requester = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    MakerFactory.create_batch(3)
    export = new_export(requested_by=requester)
    real_finish = claims.Claim.finish

    def taken_over_just_before_finishing(owner, **fields):
        claims.claim(Export, export.pk, now=later(Export))
        return real_finish(owner, **fields)

    monkeypatch.setattr(claims.Claim, "finish", taken_over_just_before_finishing)
    assert tasks.build_export.delay(export.pk).get() == "taken over"
    export.refresh_from_db()
    assert (export.status, export.file.name, export.attempts) == ("running", "", 2)
    assert not list((settings.MEDIA_ROOT / "exports").rglob("*.csv"))


def take_over_elsewhere(model, pk):
    """Another worker's claim, on a connection of its own, committed at once."""

    def other_worker():
        try:
            claims.claim(model, pk, now=later(model))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_an_import_taken_over_during_its_rows_imports_nothing(secretariat_admin, monkeypatch):
    require_or_skip(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers (set DATABASE_URL)")
    MakerFactory(name=importing.TEMPLATE_EXAMPLE["maker"])
    job = new_import(secretariat_admin, rows=3)
    owner = claims.claim(ImportJob, job.pk)
    real_import = importing.services.commitment_import
    calls = []

    def taken_over_after_the_first_row(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            take_over_elsewhere(ImportJob, job.pk)
        return real_import(**kwargs)

    monkeypatch.setattr(importing.services, "commitment_import", taken_over_after_the_first_row)
    with pytest.raises(claims.ClaimLost):
        importing.run_import(ImportJob.objects.get(pk=job.pk), owner)
    assert not Commitment.objects.exists()
    job.refresh_from_db()
    assert (job.status, job.created_count, job.attempts) == ("running", 0, 2)


def test_the_reaper_queues_again_only_the_jobs_whose_worker_went_silent(monkeypatch, settings):
    settings.JOB_STALE_AFTER = 60
    silent = new_export()
    claims.claim(Export, silent.pk, now=timezone.now() - datetime.timedelta(seconds=61))
    alive = new_export()
    claims.claim(Export, alive.pk)
    queued = new_export()
    sent = []
    monkeypatch.setattr(tasks.build_export, "apply_async", lambda args: sent.append(args))

    assert tasks.requeue_stale_jobs() == {"commitments.Export": [silent.pk]}

    assert sent == [[silent.pk]]
    statuses = dict(Export.objects.values_list("pk", "status"))
    assert statuses == {silent.pk: "queued", alive.pk: "running", queued.pk: "queued"}
    assert Export.objects.get(pk=silent.pk).claim_token == ""
    assert tasks.requeue_stale_jobs() == {}, "a job queued again is not sent twice"


def test_the_reaper_covers_imports_and_compiles_too(monkeypatch, secretariat_admin):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    job = new_import(secretariat_admin)
    claims.claim(ImportJob, job.pk, now=long_ago)
    report = AccountabilityReport.objects.create(cycle=closed_cycle(2024), version=1)
    claims.claim(AccountabilityReport, report.pk, now=long_ago)
    for _model, task in tasks.LONG_JOBS:
        monkeypatch.setattr(task, "apply_async", lambda args: None)

    assert tasks.requeue_stale_jobs() == {
        "commitments.ImportJob": [job.pk],
        "reporting.AccountabilityReport": [report.pk],
    }


def test_a_job_whose_worker_died_three_times_is_failed_instead_of_tried_again(monkeypatch, settings):
    settings.JOB_MAX_ATTEMPTS = 3
    job = new_export()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    for _attempt in range(3):
        Export.objects.filter(pk=job.pk).update(status="queued")
        claims.claim(Export, job.pk, now=long_ago)
    sent = []
    monkeypatch.setattr(tasks.build_export, "apply_async", lambda args: sent.append(args))

    assert claims.claim(Export, job.pk) is None, "a redelivered message does not take it over either"
    assert tasks.requeue_stale_jobs() == {}

    job.refresh_from_db()
    assert (job.status, job.attempts, sent) == ("failed", 3, [])
    assert job.error.startswith("Its worker stopped answering 3 times")


def test_a_broker_that_does_not_answer_leaves_the_job_for_the_next_beat(monkeypatch):
    silent = new_export()
    claims.claim(Export, silent.pk, now=timezone.now() - datetime.timedelta(hours=1))

    def broker_down(args):
        raise ConnectionRefusedError("Redis is down")

    monkeypatch.setattr(tasks.build_export, "apply_async", broker_down)
    assert tasks.requeue_stale_jobs() == {}
    assert Export.objects.get(pk=silent.pk).status == "running"


def test_beat_runs_the_reaper_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-stale-jobs"]
    assert (entry["task"], entry["schedule"]) == ("jobs.tasks.requeue_stale_jobs", 60.0)
    assert tasks.requeue_stale_jobs.name == entry["task"]


def test_the_admin_shows_how_long_ago_a_running_job_beat_and_when_its_worker_died(client, secretariat_admin):
    alive = new_export()
    claims.claim(Export, alive.pk)
    dead = new_export()
    claims.claim(Export, dead.pk, now=timezone.now() - datetime.timedelta(minutes=10))
    client.force_login(secretariat_admin)

    page = client.get(reverse("admin:commitments_export_changelist")).content.decode()
    dead_page = client.get(reverse("admin:commitments_export_change", args=[dead.pk])).content.decode()

    assert "0\xa0minutes ago" in page
    assert "10\xa0minutes ago: its worker stopped answering" in dead_page
    Export.objects.filter(pk=dead.pk).update(status="queued")
    queued_page = client.get(reverse("admin:commitments_export_change", args=[dead.pk])).content.decode()
    assert "queued again: its worker stopped answering" in queued_page


@pytest.mark.django_db(transaction=True)
def test_heartbeats_inside_a_long_transaction_are_seen_at_once_by_others():
    require_or_skip(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers (set DATABASE_URL)")
    job = new_export()
    owner = claims.claim(Export, job.pk)
    seen = []

    def read_from_elsewhere():
        try:
            seen.append(Export.objects.get(pk=job.pk).progress)
        finally:
            connections.close_all()

    with owner.beating_apart(), transaction.atomic():
        owner.heartbeat(progress=60)
        reader = threading.Thread(target=read_from_elsewhere)
        reader.start()
        reader.join()
        owner.finish()
    assert seen == [60]
    assert Export.objects.get(pk=job.pk).status == "succeeded"
