"""Importing again does nothing twice: the same file (by its content), the
same checked dry run, or rows that stand for commitments already there.
And a cell's odd digits are a row error, never a crash."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from commitments.models import Commitment, ImportJob, ReviewEvent
from commitments.tests import admin_fixtures
from commitments.tests.factories import CommitmentFactory, MakerFactory
from jobs import claims
from jobs import imports as importing

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin

ADD = reverse("admin:commitments_importjob_add")


@pytest.fixture
def maker():
    return MakerFactory(name="Kenya Women Parliamentary Association")


def row(**values):
    return {**importing.TEMPLATE_EXAMPLE, **values}


def csv_bytes(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=importing.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def upload(client, content, dry_run, name="commitments.csv"):
    data = {"source": SimpleUploadedFile(name, content, content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(ADD, data)
    assert response.status_code == 302, response.content[:2000]
    job = ImportJob.objects.latest("id")
    job.refresh_from_db()
    return job


def press_import(client, checked):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("admin:commitments_importjob_import", args=[checked.pk]))


def problems(job):
    return [(int(line), column, message) for line, column, message in importing.read_error_report(job)]


def test_the_same_file_imported_twice_does_nothing_the_second_time_and_says_so(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    content = csv_bytes([row(), row(title="Second commitment")])
    first = upload(client, content, dry_run=False)
    events = ReviewEvent.objects.count()

    second = upload(client, content, dry_run=False, name="renamed copy.csv")

    assert first.created_count == 2
    assert (second.status, second.created_count, second.updated_count, second.unchanged_count) == ("succeeded", 0, 0, 0)
    assert f"already imported as job {first.pk} on" in second.error
    assert Commitment.objects.count() == 2
    assert ReviewEvent.objects.count() == events
    page = client.get(reverse("admin:commitments_importjob_change", args=[second.pk]))
    assert f"already imported as job {first.pk}" in page.content.decode()


def test_a_dry_run_of_a_file_already_imported_says_so_and_offers_no_import(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    content = csv_bytes([row()])
    first = upload(client, content, dry_run=False)

    checked = upload(client, content, dry_run=True)

    page = client.get(reverse("admin:commitments_importjob_change", args=[checked.pk]))
    assert page.context["can_import"] is False
    assert f"This file was already imported as job {first.pk} on" in page.context["already_imported"]


def test_pressing_import_twice_on_the_same_dry_run_imports_once(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    checked = upload(client, csv_bytes([row(), row(title="Second commitment")]), dry_run=True)

    press_import(client, checked)
    again = press_import(client, checked)

    applied = ImportJob.objects.get(dry_run=False)
    assert applied.created_count == 2
    assert Commitment.objects.count() == 2
    assert again["Location"] == reverse("admin:commitments_importjob_change", args=[applied.pk])
    page = client.get(again["Location"])
    assert f"already imported as job {applied.pk}" in " ".join(str(m) for m in page.context["messages"])


def test_import_is_refused_while_the_same_file_is_being_imported(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    checked = upload(client, csv_bytes([row()]), dry_run=True)
    running = ImportJob.objects.create(
        source=checked.source.name, content_hash=checked.content_hash, dry_run=False, status="running"
    )

    response = press_import(client, checked)

    assert response["Location"] == reverse("admin:commitments_importjob_change", args=[running.pk])
    assert ImportJob.objects.filter(dry_run=False).count() == 1
    page = client.get(response["Location"])
    assert f"already being imported as job {running.pk}" in " ".join(str(m) for m in page.context["messages"])


def test_of_two_imports_of_one_file_at_once_the_later_does_nothing(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    checked = upload(client, csv_bytes([row()]), dry_run=True)
    first, second = (
        ImportJob.objects.create(
            source=checked.source.name,
            original_name="commitments.csv",
            content_hash=checked.content_hash,
            dry_run=False,
            requested_by=secretariat_admin,
        )
        for _ in "ab"
    )
    first_claim, second_claim = (claims.claim(ImportJob, job.pk) for job in (first, second))

    importing.run_import(second, second_claim)

    assert second.error == f"This file is already being imported as job {first.pk}. Nothing was done."
    assert not Commitment.objects.exists()
    importing.run_import(first, first_claim)
    assert first.created_count == 1 and first.error == ""


def test_a_job_delivered_twice_runs_once(client, secretariat_admin, maker):
    from jobs.tasks import run_import_job

    client.force_login(secretariat_admin)
    job = upload(client, csv_bytes([row()]), dry_run=False)

    assert run_import_job(job.pk) is None  # already claimed and done
    assert Commitment.objects.count() == 1


def test_a_row_without_reference_updates_the_commitment_with_the_same_maker_title_and_start_year(
    client, secretariat_admin, maker
):
    existing = CommitmentFactory(maker=maker, status="submitted", title="Train 500 women candidates", start_year=2024)
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(title="  train 500 WOMEN   candidates ", description="Changed.")]), False)

    assert (job.created_count, job.updated_count, job.error_count) == (0, 1, 0)
    existing.refresh_from_db()
    assert existing.description == "Changed."
    assert Commitment.objects.count() == 1


def test_reimporting_an_edited_file_without_references_creates_no_twins(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    rows = [row(), row(title="Second commitment")]
    upload(client, csv_bytes(rows), dry_run=False)

    again = upload(client, csv_bytes(rows) + b"\n", dry_run=False)  # other bytes, same rows

    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert Commitment.objects.count() == 2


def test_an_ambiguous_natural_key_is_refused_in_the_dry_run(client, secretariat_admin, maker):
    twins = [CommitmentFactory(maker=maker, status="submitted", title=row()["title"], start_year=2024) for _ in "ab"]
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row()]), dry_run=True)

    ((line, column, message),) = problems(job)
    assert (line, column) == (2, "reference")
    assert twins[0].reference in message and twins[1].reference in message


def test_the_same_natural_key_twice_in_a_file_is_refused_as_a_duplicate(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(), row(description="Other words"), row(title="Another")]), dry_run=True)

    assert problems(job) == [
        (3, "title", "The same commitment (maker, title and start year, or reference) as line 2: a duplicate.")
    ]
    assert not Commitment.objects.exists()


def test_a_row_matching_a_commitment_another_row_updates_by_reference_is_a_duplicate(client, secretariat_admin, maker):
    existing = CommitmentFactory(maker=maker, status="submitted", title="Old title", start_year=2024)
    client.force_login(secretariat_admin)

    rows = [row(reference=existing.reference, title="New title"), row(title="Old title")]
    job = upload(client, csv_bytes(rows), dry_run=True)

    assert [(line, column) for line, column, _message in problems(job)] == [(3, "reference")]


@pytest.mark.parametrize(
    "value",
    [
        "２０２５",
        "٢٠٢٥",
        "۲۰۲۵",
        "2²25",
        "²",
        "½",
        "2_025",
        "+2025",
        "1e309",
        "99999999999999999999999",
        "2025.5",
        "NaN",
    ],
)
def test_odd_digits_in_a_year_are_a_row_error(client, secretariat_admin, maker, value):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(start_year=value)]), dry_run=True)

    assert problems(job) == [(2, "start_year", "Write the year as four digits 0-9, e.g. 2025.")]


@pytest.mark.parametrize(
    "value", ["١٢٣", "１２３", "½", "10²", "1e309", "NaN", "Infinity", "sNaN", "0x10", "1_000", "12.5.3"]
)
def test_odd_digits_in_an_amount_are_a_row_error(client, secretariat_admin, maker, value):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(financial_amount_usd=value)]), dry_run=True)

    assert problems(job) == [(2, "financial_amount_usd", "Write the amount as a number of US dollars.")]


def test_a_huge_amount_is_a_row_error_that_gives_the_limit(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(financial_amount_usd="1" * 400)]), dry_run=True)

    ((line, column, message),) = problems(job)
    assert (line, column) == (2, "financial_amount_usd")
    assert message == "The amount is too large: at most 9,999,999,999,999.99 US dollars."


def test_amounts_with_thousands_separators_are_read(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(financial_amount_usd="1\u202f250\u00a0000")]), False)

    assert job.created_count == 1
    assert Commitment.objects.get().financial_amount_usd == 1_250_000


@pytest.mark.parametrize("value", ["²", "١٢٣", "99999999999999999999999999"])
def test_odd_digits_in_a_maker_id_are_a_row_error(client, secretariat_admin, maker, value):
    client.force_login(secretariat_admin)

    job = upload(client, csv_bytes([row(maker=value)]), dry_run=True)

    assert [(line, column) for line, column, _message in problems(job)] == [(2, "maker")]
