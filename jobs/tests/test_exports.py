"""CSV and XLSX exports of filtered admin lists."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from coalitions.models import ActionCoalition
from commitments.models import Export
from commitments.tests import admin_fixtures
from commitments.tests.admin_fixtures import submitted_commitment
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from jobs import exports
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
staff_without_group = admin_fixtures.staff_without_group

COMMITMENT_EXPORT = reverse("admin:commitments_commitment_export")


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_csv_export_follows_the_lists_filters(client, secretariat_reviewer):
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    wanted = ApprovedCommitmentFactory(coalitions=[tech], title="Digital skills for girls")
    ApprovedCommitmentFactory()
    client.force_login(secretariat_reviewer)

    response = client.get(COMMITMENT_EXPORT, {"coalitions__id__exact": tech.pk, "_format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert [row["reference"] for row in rows] == [wanted.reference]
    assert rows[0]["title"] == "Digital skills for girls"
    assert rows[0]["coalitions"] == "technology-and-innovation"


def test_list_shows_export_buttons_with_its_filters(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitment_changelist"), {"q": "shelters"})

    assert f"{COMMITMENT_EXPORT}?q=shelters&amp;_format=xlsx".encode() in response.content


def test_xlsx_export_of_the_review_queue(client, secretariat_reviewer):
    waiting = submitted_commitment()
    ApprovedCommitmentFactory()
    client.force_login(secretariat_reviewer)

    response = client.get(reverse("admin:commitments_commitmentawaitingreview_export"), {"_format": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    values = list(workbook.active.values)
    assert values[0][0] == "reference"
    assert [row[0] for row in values[1:]] == [waiting.reference]


def test_maker_and_report_exports(client, secretariat_reviewer, open_cycle):
    maker = MakerFactory(name="Equality Fund")
    report = ProgressReportFactory(cycle=open_cycle)
    client.force_login(secretariat_reviewer)

    makers = csv_rows(
        client.get(reverse("admin:commitments_commitmentmaker_export"), {"q": "Equality", "_format": "csv"})
    )
    reports = csv_rows(client.get(reverse("admin:reporting_progressreport_export"), {"_format": "csv"}))

    assert [row["id"] for row in makers] == [str(maker.pk)]
    assert [row["commitment"] for row in reports] == [report.commitment.reference]


def test_cells_that_would_run_as_formulas_are_neutralised(client, secretariat_reviewer):
    ApprovedCommitmentFactory(title='=HYPERLINK("http://evil")')
    client.force_login(secretariat_reviewer)

    rows = csv_rows(client.get(COMMITMENT_EXPORT, {"_format": "csv"}))

    assert rows[0]["title"].startswith("'=")


@pytest.mark.parametrize("size", [5, 40])
def test_export_runs_the_same_number_of_queries_whatever_its_size(
    client, secretariat_reviewer, django_assert_num_queries, size
):
    for _ in range(size):
        ApprovedCommitmentFactory()
    client.force_login(secretariat_reviewer)

    with django_assert_num_queries(16):
        rows = csv_rows(client.get(COMMITMENT_EXPORT, {"_format": "csv"}))

    assert len(rows) == size


def test_large_export_runs_as_a_job_with_a_download_link(
    client, secretariat_reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exports, "EXPORT_STREAM_LIMIT", 2)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    tech = ActionCoalition.objects.get(slug="technology-and-innovation")
    wanted = [ApprovedCommitmentFactory(coalitions=[tech]) for _ in range(3)]
    ApprovedCommitmentFactory()
    client.force_login(secretariat_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(COMMITMENT_EXPORT, {"coalitions__id__exact": tech.pk, "_format": "csv"})

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:commitments_export_change", args=[export.pk])
    assert export.status == Export.Status.SUCCEEDED
    assert export.progress == 100
    assert export.requested_by == secretariat_reviewer
    page = client.get(reverse("admin:commitments_export_changelist"))
    download_url = reverse("admin:commitments_export_download", args=[export.pk])
    assert download_url.encode() in page.content
    download = client.get(download_url)
    content = b"".join(download.streaming_content).decode()
    references = [row["reference"] for row in csv.DictReader(io.StringIO(content))]
    assert sorted(references) == sorted(c.reference for c in wanted)


def test_staff_without_export_permission_cannot_export(client, staff_without_group):
    from django.contrib.auth.models import Permission

    staff_without_group.user_permissions.add(Permission.objects.get(codename="view_commitment"))
    client.force_login(staff_without_group)

    assert client.get(COMMITMENT_EXPORT, {"_format": "csv"}).status_code == 403


def test_unknown_filters_are_refused_with_a_message(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)

    response = client.get(COMMITMENT_EXPORT, {"no_such_field__exact": "1", "_format": "csv"})

    assert response.status_code == 400
