"""Every CSV and XLSX the project writes neutralises formulas (STYLE.md rule
13): each prefix a spreadsheet would run is fed through every export path,
and the file is read back as a spreadsheet program would read it."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalitions.models import ActionArea, ActionCoalition, Theme
from commitments.models import Export, ImportJob
from commitments.tests import admin_fixtures
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from core.spreadsheets import is_formula_like, neutralise
from jobs import exports
from jobs import imports as importing
from reporting import outputs
from reporting.models import ProgressReport
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin

# What a spreadsheet would run: each prefix, with a formula behind it.
PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\n", "  =", "＝"]
PAYLOADS = [f'{prefix}HYPERLINK("http://evil.example","x")' for prefix in PREFIXES]


def test_the_rule_catches_every_prefix_and_leaves_numbers_alone():
    assert [neutralise(value) for value in PAYLOADS] == ["'" + value for value in PAYLOADS]
    assert [neutralise(value) for value in (-5, -5.25, "-5.00", "+3", "1e-3", "a-b", "", None)] == [
        -5,
        -5.25,
        "-5.00",
        "+3",
        "1e-3",
        "a-b",
        "",
        None,
    ]


@pytest.fixture
def tainted(open_cycle):
    """A commitment, maker, progress report and reference names carrying each
    payload."""
    for number, payload in enumerate(PAYLOADS):
        maker = MakerFactory(name=payload, acronym=payload[:1] + f"X{number}")
        commitment = ApprovedCommitmentFactory(maker=maker, title=payload)
        ProgressReportFactory(
            commitment=commitment, cycle=open_cycle, narrative=payload, status=ProgressReport.Status.ACCEPTED
        )
    coalition = ActionCoalition.objects.order_by("order").first()
    ActionCoalition.objects.filter(pk=coalition.pk).update(name=PAYLOADS[0])
    ActionArea.objects.filter(pk=ActionArea.objects.order_by("pk").first().pk).update(title=PAYLOADS[1])
    Theme.objects.filter(pk=Theme.objects.order_by("pk").first().pk).update(name=PAYLOADS[3])
    return PAYLOADS


def csv_cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_csv_neutralised(text, expected):
    """No cell would run, and each expected payload is there as text."""
    cells = csv_cells(text)
    assert not [cell for cell in cells if is_formula_like(cell)]
    for payload in expected:
        assert "'" + payload in cells, payload


def assert_xlsx_neutralised(content, expected):
    """No cell is a formula, and each expected payload is there, unchanged, as
    a text cell marked as such."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    text_cells = {cell.value: cell for cell in cells if cell.data_type == "s"}
    # XML reads a bare CR in a text back as LF, in Excel as here.
    for payload in (payload.replace("\r", "\n") for payload in expected):
        assert payload in text_cells, payload
        assert text_cells[payload].quotePrefix


def streamed(response):
    assert response.status_code == 200, response
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/v1/commitments/", PAYLOADS),
        ("/api/v1/makers/", PAYLOADS),
        ("/api/v1/progress-reports/", PAYLOADS),
        ("/api/v1/coalitions/", PAYLOADS[:1]),
        ("/api/v1/action-areas/", PAYLOADS[1:2]),
        ("/api/v1/themes/", PAYLOADS[3:4]),
    ],
)
def test_api_csv_lists(client, tainted, url, expected):
    assert_csv_neutralised(streamed(client.get(url, {"format": "csv"})).decode(), expected)


def test_api_csv_of_one_object(client, tainted):
    pk = ApprovedCommitmentFactory(title=PAYLOADS[0]).pk

    assert_csv_neutralised(streamed(client.get(f"/api/v1/commitments/{pk}/", {"format": "csv"})).decode(), PAYLOADS[:1])


def test_api_csv_keeps_numbers_numeric(client, open_cycle):
    ApprovedCommitmentFactory(is_financial=True, financial_amount_usd="5.00")

    rows = list(csv.DictReader(io.StringIO(streamed(client.get("/api/v1/commitments/", {"format": "csv"})).decode())))

    assert rows[0]["financial_amount_usd"] in ("5.00", "5")


def test_public_catalogue_csv(client, tainted):
    assert_csv_neutralised(streamed(client.get("/commitments/export.csv")).decode(), PAYLOADS)


ADMIN_EXPORTS = [
    "admin:commitments_commitment_export",
    "admin:commitments_commitmentmaker_export",
    "admin:reporting_progressreport_export",
]


@pytest.mark.parametrize("url_name", ADMIN_EXPORTS)
def test_admin_exports_in_the_request(client, secretariat_admin, tainted, url_name):
    client.force_login(secretariat_admin)

    assert_csv_neutralised(streamed(client.get(reverse(url_name), {"_format": "csv"})).decode(), PAYLOADS)
    assert_xlsx_neutralised(streamed(client.get(reverse(url_name), {"_format": "xlsx"})), PAYLOADS)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_admin_exports_built_by_a_worker(
    client, secretariat_admin, tainted, monkeypatch, django_capture_on_commit_callbacks, export_format
):
    monkeypatch.setattr(exports, "EXPORT_STREAM_LIMIT", 0)
    client.force_login(secretariat_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("admin:commitments_commitment_export"), {"_format": export_format})

    assert response.status_code == 302
    export = Export.objects.get()
    assert export.status == Export.Status.SUCCEEDED, export.error
    with export.file.open("rb") as handle:
        content = handle.read()
    if export_format == "csv":
        assert_csv_neutralised(content.decode("utf-8-sig"), PAYLOADS)
    else:
        assert_xlsx_neutralised(content, PAYLOADS)


def test_accountability_report_files_keep_numbers_and_neutralise_text():
    data = {
        "totals": {"commitments": 3},
        "tables": [
            {
                "key": "by_coalition",
                "columns": ["label", "commitments", "usd_committed"],
                "rows": [
                    {"key": payload, "label": payload, "commitments": 1, "usd_committed": "10.00"}
                    for payload in PAYLOADS
                ],
            }
        ],
        "change": {
            "table": {
                "key": "change",
                "columns": ["label", "previous", "current", "change"],
                "rows": [{"key": "commitments", "label": "commitments", "previous": 9, "current": 4, "change": -5}],
            }
        },
    }

    assert_xlsx_neutralised(outputs.render_xlsx(data), PAYLOADS)
    change = openpyxl.load_workbook(io.BytesIO(outputs.render_xlsx(data)))["Change"]
    assert [cell.value for cell in change[2]][-1] == -5
    with zipfile.ZipFile(io.BytesIO(outputs.render_csv_zip(data))) as archive:
        assert_csv_neutralised(archive.read("by_coalition.csv").decode(), PAYLOADS)
        assert csv_cells(archive.read("change.csv").decode())[-1] == "-5"


def test_import_error_report_and_templates(client, secretariat_admin, django_capture_on_commit_callbacks):
    """The error report quotes what the file said, so a reference written as
    a formula comes back in it; the templates are neutralised too."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=importing.COLUMNS)
    writer.writeheader()
    for payload in PAYLOADS:
        row = dict(importing.TEMPLATE_EXAMPLE, reference=payload)
        writer.writerows([row, row])
    client.force_login(secretariat_admin)

    # The upload only stores the file; the check runs in the job queued on commit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:commitments_importjob_add"),
            {"source": SimpleUploadedFile("c.csv", buffer.getvalue().encode()), "dry_run": "on"},
        )

    job = ImportJob.objects.get()
    assert job.error_count
    with job.error_report.open("rb") as handle:
        report = handle.read().decode()
    cells = csv_cells(report)
    assert not [cell for cell in cells if is_formula_like(cell)]
    # The reading may trim what surrounds a cell; what starts the message
    # after trimming is still neutralised.
    assert {cell[:2] for cell in cells if cell.startswith("'")} >= {"'=", "'+", "'-", "'@", "'＝"}
    assert not [cell for cell in csv_cells(importing.template_csv()) if is_formula_like(cell)]
    assert_xlsx_neutralised(importing.template_xlsx(), [])
