"""Importing commitments from CSV and XLSX through the admin."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from commitments.models import Commitment, ImportJob, ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from jobs import imports as importing

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin
secretariat_reviewer = admin_fixtures.secretariat_reviewer

ADD = reverse("admin:commitments_importjob_add")


@pytest.fixture
def maker():
    return MakerFactory(name="Kenya Women Parliamentary Association", acronym="KEWOPA")


def row(**values):
    base = dict(importing.TEMPLATE_EXAMPLE)
    base.update(values)
    return base


def csv_file(rows, name="commitments.csv", columns=None):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or importing.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def xlsx_file(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    for values in rows:
        sheet.append([values[column] for column in importing.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("commitments.xlsx", buffer.getvalue())


def upload(client, upload_file, dry_run):
    """Upload through the admin, then run the job the upload queued on
    commit (eagerly, as without a broker)."""
    data = {"source": upload_file}
    if dry_run:
        data["dry_run"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(ADD, data)
    assert response.status_code == 302, response.content[:2000]
    return ImportJob.objects.latest("id"), response


def import_checked(client, checked):
    """Press "Import this file now" on a clean dry run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("admin:commitments_importjob_import", args=[checked.pk]))
    assert response.status_code == 302
    return ImportJob.objects.latest("id"), response


def test_dry_run_lists_each_problem_by_line_and_column_and_imports_nothing(client, secretariat_admin, maker):
    rows = [
        row(),
        row(maker="No Such Organisation", scope="planetary"),
        row(commitment_types="financial", financial_amount_usd="", start_year="twenty"),
    ]
    client.force_login(secretariat_admin)

    job, response = upload(client, csv_file(rows), dry_run=True)

    assert job.status == ImportJob.Status.SUCCEEDED
    problems = {(int(line), column) for line, column, _message in importing.read_error_report(job)}
    assert problems == {(3, "maker"), (3, "scope"), (4, "start_year")}
    assert not Commitment.objects.exists()
    page = client.get(response["Location"])
    assert b"No Such Organisation" in page.content
    assert reverse("admin:commitments_importjob_errors", args=[job.pk]).encode() in page.content


def test_model_rules_are_reported_under_the_column(client, secretariat_admin, maker):
    rows = [row(commitment_types="financial", financial_amount_usd=""), row(start_year="2026", end_year="2024")]
    client.force_login(secretariat_admin)

    job, _response = upload(client, csv_file(rows), dry_run=True)

    report = importing.read_error_report(job)
    problems = {(int(line), column) for line, column, _message in report}
    # The template's indicator aims at 2026, after the second row's end.
    assert problems == {(2, "financial_amount_usd"), (3, "end_year"), (3, "indicators")}
    assert any("after the commitment ends" in message for _line, column, message in report if column == "indicators")


def test_a_file_with_errors_imports_nothing_even_without_dry_run(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    job, _response = upload(client, csv_file([row(), row(maker="Nobody")]), dry_run=False)

    assert job.error_count == 1
    assert not Commitment.objects.exists()


def test_clean_dry_run_then_import_creates_submitted_commitments(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    checked, response = upload(client, csv_file([row(), row(title="Second commitment", maker=str(maker.pk))]), True)
    assert checked.error_count == 0
    assert client.get(response["Location"]).context["can_import"] is True

    imported, _response = import_checked(client, checked)

    assert (imported.dry_run, imported.created_count, imported.error_count) == (False, 2, 0)
    commitments = Commitment.objects.order_by("pk")
    assert [c.status for c in commitments] == ["submitted", "submitted"]
    assert {c.maker for c in commitments} == {maker}
    first = commitments[0]
    assert first.commitment_types == ["programme", "financial"]
    assert [c.slug for c in first.coalitions.all()] == ["feminist-movements-and-leadership"]
    actions = list(first.review_events.values_list("action", "actor"))
    assert actions == [
        (ReviewEvent.Action.CREATED, secretariat_admin.pk),
        (ReviewEvent.Action.SUBMITTED, secretariat_admin.pk),
    ]
    assert mail.outbox == []


def test_importing_the_same_file_twice_changes_nothing_the_second_time(client, secretariat_admin, maker):
    existing = CommitmentFactory(maker=maker, status="submitted")
    client.force_login(secretariat_admin)
    rows = [
        row(reference=existing.reference, title="Renamed by the focal point"),
        row(),
    ]
    first, _response = upload(client, csv_file(rows), dry_run=False)
    assert (first.created_count, first.updated_count) == (1, 1)
    existing.refresh_from_db()
    assert existing.title == "Renamed by the focal point"
    events_before = ReviewEvent.objects.count()
    history_before = existing.history.count()
    # The second file carries the reference the first import gave the new commitment.
    created = Commitment.objects.exclude(pk=existing.pk).get()
    rows[1]["reference"] = created.reference

    second, _response = upload(client, csv_file(rows), dry_run=False)

    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 2)
    assert Commitment.objects.count() == 2
    assert ReviewEvent.objects.count() == events_before
    assert existing.history.count() == history_before


def test_a_returned_commitment_updated_by_import_goes_back_to_review(client, secretariat_admin, maker):
    returned = CommitmentFactory(maker=maker, status="returned")
    client.force_login(secretariat_admin)

    job, _response = upload(client, csv_file([row(reference=returned.reference)]), dry_run=False)

    returned.refresh_from_db()
    assert job.updated_count == 1
    assert returned.status == "submitted"
    assert returned.submitted_at is not None


def test_an_approved_commitment_is_not_changed_by_import(client, secretariat_admin, maker):
    approved = ApprovedCommitmentFactory(maker=maker, title="Approved title")
    client.force_login(secretariat_admin)

    job, _response = upload(client, csv_file([row(reference=approved.reference)]), dry_run=True)

    (problem,) = importing.read_error_report(job)
    assert problem[1] == "reference"
    assert "amendment" in problem[2]


def test_a_reference_of_another_maker_is_refused(client, secretariat_admin, maker):
    other = CommitmentFactory()
    client.force_login(secretariat_admin)

    job, _response = upload(client, csv_file([row(reference=other.reference)]), dry_run=True)

    assert [problem[1] for problem in importing.read_error_report(job)] == ["reference"]


def test_xlsx_files_import_too(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    job, _response = upload(client, xlsx_file([row(), row(title="Another")]), dry_run=False)

    assert job.created_count == 2


def test_a_header_that_does_not_match_is_reported_on_line_one(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    bad = csv_file([{"maker": maker.name, "colour": "red"}], columns=["maker", "colour"])

    job, _response = upload(client, bad, dry_run=True)

    ((line, column, message),) = importing.read_error_report(job)
    assert line == "1"
    assert "colour" in message and "title" in message


def test_every_file_is_read_by_a_worker_never_in_the_request(
    client, secretariat_admin, maker, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_admin)
    rows = [row(title=f"Commitment {number}") for number in range(5)]

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(ADD, {"source": csv_file(rows)})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.status, job.total_rows, len(queued)) == (ImportJob.Status.QUEUED, 0, 1)
    assert not Commitment.objects.exists()
    queued[0]()
    job.refresh_from_db()
    assert (job.status, job.created_count, job.progress) == (ImportJob.Status.SUCCEEDED, 5, 100)


def test_template_download_has_the_expected_columns(client, secretariat_admin):
    client.force_login(secretariat_admin)

    response = client.get(reverse("admin:commitments_importjob_template"))
    xlsx = client.get(reverse("admin:commitments_importjob_template"), {"format": "xlsx"})

    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == importing.COLUMNS
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == importing.COLUMNS


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_can_be_imported_back_unchanged(client, secretariat_admin, maker, file_format):
    existing = CommitmentFactory(maker=maker, status="submitted")
    client.force_login(secretariat_admin)
    export = client.get(reverse("admin:commitments_commitment_export"), {"_format": file_format})
    content = b"".join(export.streaming_content) if export.streaming else export.content

    job, _response = upload(client, SimpleUploadedFile(f"export.{file_format}", content), dry_run=False)

    assert (job.error_count, job.unchanged_count) == (0, 1), importing.read_error_report(job)
    existing.refresh_from_db()
    assert existing.status == "submitted"


def test_reviewers_cannot_import(client, secretariat_reviewer, maker):
    client.force_login(secretariat_reviewer)

    response = client.post(ADD, {"source": csv_file([row()])})

    assert response.status_code == 403
    assert not Commitment.objects.exists()
