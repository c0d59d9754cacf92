"""A focal point's spreadsheet of progress reports: a good file imports as
drafts entered by them; bad rows and a row outside their country import
nothing and say why, line by line, in a downloadable report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from jobs import progress_imports
from reporting.models import ProgressImportJob, ProgressReport
from reporting.tests.factories import focal_point

pytestmark = pytest.mark.django_db

HEADER = "reference,cycle_year,implementation_status,narrative,amount_disbursed_usd,people_reached,places,next_steps\n"


@pytest.fixture
def appointment(client):
    appointment = focal_point("KE")
    client.force_login(appointment.user)
    return appointment


def upload(client, appointment, content, name="reports.csv", captured=None, **extra):
    url = reverse("my-country-import", kwargs={"code": appointment.country_id})
    with captured(execute=True):
        response = client.post(url, {"file": SimpleUploadedFile(name, content), **extra})
    return response, ProgressImportJob.objects.order_by("-pk").first()


def test_a_good_file_becomes_drafts_entered_by_the_focal_point(
    client, appointment, open_cycle, django_capture_on_commit_callbacks
):
    first, second = ApprovedCommitmentFactory.create_batch(2)
    content = (
        HEADER
        + f'{first.reference},{open_cycle.year},on_track,Trained 120 health workers,"25,000",1200,,Train more\n'
        + f"{second.reference},{open_cycle.year},off_track,Funding came late,,,,\n"
    ).encode()

    response, job = upload(client, appointment, content, captured=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert (job.status, job.created_count, job.error_count) == ("succeeded", 2, 0)
    report = ProgressReport.objects.get(commitment=first)
    assert (report.status, report.entered_by, report.people_reached) == ("draft", appointment.user, 1200)
    assert str(report.amount_disbursed_usd) == "25000.00"


def test_an_xlsx_file_is_read_the_same_way(client, appointment, open_cycle, django_capture_on_commit_callbacks):
    commitment = ApprovedCommitmentFactory()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["reference", "cycle_year", "implementation_status", "narrative"])
    sheet.append([commitment.reference, open_cycle.year, "completed", "All done"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    _response, job = upload(
        client, appointment, buffer.getvalue(), name="reports.xlsx", captured=django_capture_on_commit_callbacks
    )

    assert job.created_count == 1
    assert ProgressReport.objects.get(commitment=commitment).implementation_status == "completed"


def test_bad_rows_import_nothing_and_are_listed_by_line_and_column(
    client, appointment, open_cycle, django_capture_on_commit_callbacks
):
    good = ApprovedCommitmentFactory()
    content = (
        HEADER
        + f"{good.reference},{open_cycle.year},on_track,Fine,,,,\n"
        + f"{good.reference}X,{open_cycle.year},sideways,,lots,many,ZZ-99,\n"
    ).encode()

    _response, job = upload(client, appointment, content, captured=django_capture_on_commit_callbacks)

    assert not ProgressReport.objects.exists()
    problems = progress_imports.read_error_report(job)
    columns = {(line, column) for line, column, _message in problems}
    assert {("3", "reference"), ("3", "implementation_status"), ("3", "amount_disbursed_usd")} <= columns
    assert {("3", "people_reached"), ("3", "places")} <= columns
    page = client.get(reverse("my-country-import-job", kwargs={"code": "KE", "job_id": job.pk}))
    assert "Nothing was imported" in page.content.decode()
    report = client.get(reverse("my-country-import-errors", kwargs={"code": "KE", "job_id": job.pk}))
    assert b"line,column,message" in b"".join(report.streaming_content)


def test_a_row_for_a_commitment_outside_the_country_is_refused_and_nothing_is_imported(
    client, appointment, open_cycle, django_capture_on_commit_callbacks
):
    kenyan = ApprovedCommitmentFactory()
    french = ApprovedCommitmentFactory(maker=MakerFactory(country_id="FR"), countries=["FR"])
    content = (
        HEADER
        + f"{kenyan.reference},{open_cycle.year},on_track,Fine,,,,\n"
        + f"{french.reference},{open_cycle.year},on_track,Not ours,,,,\n"
    ).encode()

    _response, job = upload(client, appointment, content, captured=django_capture_on_commit_callbacks)

    assert not ProgressReport.objects.exists()
    [(line, column, message)] = progress_imports.read_error_report(job)
    assert (line, column) == ("3", "reference")
    assert "focal points act only within their country" in message


def test_a_check_only_imports_nothing_but_says_what_it_would_do(
    client, appointment, open_cycle, django_capture_on_commit_callbacks
):
    commitment = ApprovedCommitmentFactory()
    content = (HEADER + f"{commitment.reference},{open_cycle.year},on_track,Fine,,,,\n").encode()

    _response, job = upload(client, appointment, content, captured=django_capture_on_commit_callbacks, dry_run="on")

    assert (job.status, job.created_count) == ("succeeded", 1)
    assert not ProgressReport.objects.exists()


def test_an_unreadable_upload_is_refused_at_the_field(client, appointment):
    response = client.post(
        reverse("my-country-import", kwargs={"code": "KE"}), {"file": SimpleUploadedFile("notes.txt", b"hello")}
    )

    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    assert not ProgressImportJob.objects.exists()


def test_the_template_has_every_column_of_the_table(client, appointment):
    response = client.get(reverse("my-country-import-template", kwargs={"code": "KE"}))

    header = response.content.decode().splitlines()[0].split(",")
    assert header == [column.name for column in progress_imports.COLUMNS]
