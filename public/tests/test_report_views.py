"""The public report pages, the file downloads, the progress partial that
htmx polls, and starting a compile from the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reporting.models import AccountabilityReport
from reporting.tests.report_fixture import build_world, compiled_report, make_compiler

Status = AccountabilityReport.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch):
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7 stand-in", None))


@pytest.fixture
def compiler():
    return make_compiler()


@pytest.fixture
def report(compiler):
    return compiled_report(build_world(), compiler)


def test_the_report_page_shows_the_latest_version_with_charts_and_tables(client, report):
    response = client.get("/reports/2024/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Accountability report 2024" in page
    assert "<svg" in page and '<table class="report-table">' in page
    assert "3,500.50" in page
    assert 'href="/static/css/reports.css"' in page


def test_an_older_version_stays_readable_and_downloadable(client, compiler, report):
    newer = compiled_report(report.cycle, compiler)
    assert newer.version == 2
    assert "Version 2." in client.get("/reports/2024/").content.decode()
    older = client.get("/reports/2024/?version=1")
    assert "Version 1." in older.content.decode()
    assert client.get("/reports/2024/v1/xlsx/").status_code == 200


def test_a_cycle_without_a_finished_report_has_no_report_page(client, compiler):
    from reporting.tests.factories import closed_cycle

    closed_cycle(2023)
    assert client.get("/reports/2023/").status_code == 404
    assert client.get("/reports/2031/").status_code == 404
    assert client.get("/reports/2023/?version=abc").status_code == 404


@pytest.mark.parametrize(
    ("file_format", "content_type", "starts"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("zip", "application/zip", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
        ("html", "text/html; charset=utf-8", b"<!doctype html>"),
    ],
)
def test_each_file_downloads_with_a_readable_name(client, report, file_format, content_type, starts):
    response = client.get(f"/reports/2024/v1/{file_format}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content).startswith(starts)
    if file_format != "html":
        assert "gentrack-accountability-report-2024-v1" in response["Content-Disposition"]


def test_files_of_an_unfinished_report_are_not_handed_out(client, report):
    AccountabilityReport.objects.filter(pk=report.pk).update(status=Status.FAILED)
    assert client.get("/reports/2024/v1/xlsx/").status_code == 404
    assert client.get("/reports/2024/v1/docx/").status_code == 404


def test_a_missing_pdf_link_says_why(client, report):
    AccountabilityReport.objects.filter(pk=report.pk).update(
        pdf_file="", pdf_unavailable_reason="WeasyPrint cannot run on this server"
    )
    page = client.get("/reports/2024/").content.decode()
    assert "PDF: WeasyPrint cannot run on this server" in page
    assert client.get("/reports/2024/v1/pdf/").status_code == 404


def test_the_list_shows_every_cycle_with_its_versions_and_links(client, report):
    page = client.get("/reports/").content.decode()
    assert "Reporting cycle 2024" in page and "Reporting cycle 2023" in page
    assert "/reports/2024/v1/xlsx/" in page and "/reports/2024/v1/zip/" in page
    assert "No report has been compiled for this cycle yet." in page


def test_the_list_runs_the_same_queries_however_many_versions(client, compiler, report, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/reports/")
    for _ in range(4):
        AccountabilityReport.objects.create(cycle=report.cycle, version=AccountabilityReport.objects.count() + 1)
    with django_assert_max_num_queries(2):
        assert client.get("/reports/").content.decode().count("<progress") == 0
    client.force_login(compiler)
    # Staff see the four queued versions too; two more queries: session and user.
    with django_assert_max_num_queries(4):
        assert client.get("/reports/").content.decode().count("<progress") == 4


@pytest.mark.parametrize("status", [Status.QUEUED, Status.RUNNING, Status.FAILED])
def test_an_unfinished_version_never_shows_publicly(client, compiler, report, status):
    unfinished = AccountabilityReport.objects.create(cycle=report.cycle, version=2, status=status, progress=40)

    listing = client.get("/reports/").content.decode()
    assert "Version 2" not in listing and "<progress" not in listing
    assert client.get(f"/reports/compiles/{unfinished.pk}/progress/").status_code == 404
    assert client.get(f"/reports/{report.cycle.year}/?version=2").status_code == 404
    assert [row["version"] for row in client.get("/api/v1/accountability-reports/").json()["results"]] == [1]
    assert client.get(f"/api/v1/accountability-reports/{unfinished.pk}/").status_code == 404
    # Staff follow it on the same pages.
    client.force_login(compiler)
    assert "Version 2" in client.get("/reports/").content.decode()
    assert client.get(f"/reports/compiles/{unfinished.pk}/progress/").status_code == 200


def test_a_compile_in_progress_polls_its_progress_until_it_finishes(client, compiler, report):
    client.force_login(compiler)
    running = AccountabilityReport.objects.create(cycle=report.cycle, version=2, status=Status.RUNNING, progress=40)
    listing = client.get("/reports/").content.decode()
    assert f'hx-get="/reports/compiles/{running.pk}/progress/"' in listing
    assert 'src="/static/js/htmx.min.js"' in listing
    partial = client.get(f"/reports/compiles/{running.pk}/progress/").content.decode()
    assert 'value="40"' in partial and 'hx-trigger="every 2s"' in partial
    AccountabilityReport.objects.filter(pk=running.pk).update(status=Status.SUCCEEDED, progress=100)
    finished = client.get(f"/reports/compiles/{running.pk}/progress/").content.decode()
    assert "hx-trigger" not in finished and "Read the report" in finished


def test_a_failed_compile_shows_its_error_to_staff_only(client, compiler, report):
    failed = AccountabilityReport.objects.create(
        cycle=report.cycle, version=2, status=Status.FAILED, error="RuntimeError: disk full"
    )
    assert "disk full" not in client.get(f"/reports/compiles/{failed.pk}/progress/").content.decode()
    assert "version 2" not in client.get("/reports/").content.decode().lower()
    client.force_login(compiler)
    assert "disk full" in client.get(f"/reports/compiles/{failed.pk}/progress/").content.decode()
    assert "disk full" in client.get("/reports/").content.decode()


def test_staff_compile_a_report_from_the_cycle_admin_and_follow_it(
    client, compiler, django_capture_on_commit_callbacks
):
    cycle = build_world()
    client.force_login(compiler)
    compiler.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reporting_reportingcycle_changelist"),
            {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
            follow=True,
        )
    report = AccountabilityReport.objects.get()
    change_url = reverse("admin:reporting_accountabilityreport_change", args=[report.pk])
    assert f'<a href="{change_url}">follow it</a>' in response.content.decode()
    assert report.status == Status.SUCCEEDED
    page = client.get(change_url).content.decode()
    assert "htmx.min.js" in page and "Compiled." in page and "/reports/2024/v1/xlsx/" in page


def test_staff_without_the_right_to_compile_cannot_use_the_action(client, reviewer):
    from reporting.tests.factories import closed_cycle

    cycle = closed_cycle(2024)
    reviewer.user_permissions.add(Permission.objects.get(codename="view_reportingcycle"))
    client.force_login(reviewer)
    client.post(
        reverse("admin:reporting_reportingcycle_changelist"),
        {"action": "compile_accountability_report", "_selected_action": [cycle.pk]},
    )
    assert not AccountabilityReport.objects.exists()


def test_the_web_page_of_the_report_reads_in_the_language_of_its_address(client, report):
    english = b"".join(client.get("/reports/2024/v1/html/").streaming_content).decode()
    french = b"".join(client.get("/fr/reports/2024/v1/html/").streaming_content).decode()
    arabic = b"".join(client.get("/ar/reports/2024/v1/html/").streaming_content).decode()

    assert "Gender-Based Violence" in english
    # Row labels looked up again from their codes, titles and headers from the catalogue.
    assert "Violence basée sur le genre" in french and "Gender-Based Violence" not in french
    assert 'lang="fr"' in french
    assert 'dir="rtl"' in arabic and "Gender-Based Violence" not in arabic


def test_the_reports_tables_download_in_the_language_of_their_address_with_codes_first(client, report):
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook

    french = b"".join(client.get("/fr/reports/2024/v1/zip/").streaming_content)
    with zipfile.ZipFile(io.BytesIO(french)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("by_coalition.csv").decode())))
    english = b"".join(client.get("/reports/2024/v1/zip/").streaming_content)
    with zipfile.ZipFile(io.BytesIO(english)) as archive:
        english_rows = list(csv.reader(io.StringIO(archive.read("by_coalition.csv").decode())))

    assert rows[0][0] == english_rows[0][0] == "key"  # codes keep their column, whatever the language
    assert rows[0][1:] != english_rows[0][1:]  # the headers are the reader's
    gbv = next(row for row in rows if row[0] == "gender-based-violence")
    assert gbv[1] == "Violence basée sur le genre"
    assert [row[0] for row in rows] == [row[0] for row in english_rows]
    workbook = load_workbook(io.BytesIO(b"".join(client.get("/fr/reports/2024/v1/xlsx/").streaming_content)))
    cells = [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    assert ("gender-based-violence", "Violence basée sur le genre") in {row[:2] for row in cells}
