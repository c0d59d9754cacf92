"""The files of a compiled accountability report open and hold the figures
of the hand-built world in reporting/tests/report_fixture.py."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import require_or_skip
from reporting.models import AccountabilityReport

from .report_fixture import (
    ECONOMIC,
    EXPECTED_TOTALS,
    GBV,
    build_world,
    compiled_report,
    make_compiler,
    pdf_page_count,
    weasyprint_works,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(monkeypatch):
    """The compiled report; the PDF (seconds of layout) only where a test reads it."""
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7 not rendered in this test", None))
    return compiled_report(build_world(), make_compiler())


def read(field):
    with field.open("rb") as handle:
        return handle.read()


def test_a_compiled_report_succeeds_with_its_figures(report):
    assert report.status == AccountabilityReport.Status.SUCCEEDED
    assert report.progress == 100
    assert report.data["totals"] == EXPECTED_TOTALS
    assert report.finished_at and report.error == ""


def test_the_workbook_has_one_sheet_per_table_holding_the_figures(report):
    workbook = load_workbook(io.BytesIO(read(report.xlsx_file)))
    assert workbook.sheetnames[:3] == ["Summary", "By coalition", "By action area"]
    assert len(workbook.sheetnames) == 1 + len(report.data["tables"])
    summary = {row[0]: row[2] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["commitments"] == 4
    assert Decimal(str(summary["usd_committed"])) == Decimal("3500.50")
    assert summary["reporting_rate"] == pytest.approx(0.6667)
    coalitions = {row[0]: row[1:] for row in workbook["By coalition"].iter_rows(min_row=2, values_only=True)}
    assert coalitions[ECONOMIC][1:3] == (2, 2)
    assert Decimal(str(coalitions[ECONOMIC][3])) == Decimal("3500.50")


def test_the_zip_holds_one_csv_per_table_with_the_figures(report):
    archive = zipfile.ZipFile(io.BytesIO(read(report.csv_file)))
    names = archive.namelist()
    assert "summary.csv" in names and "challenges.csv" in names
    assert len(names) == 1 + len(report.data["tables"])
    rows = list(csv.reader(io.StringIO(archive.read("by_coalition.csv").decode())))
    assert rows[0] == ["key", "Name", "Makers", "Commitments", "USD committed"]
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key[GBV][2:] == ["1", "2", "1000.00"]
    challenges = {row[0]: row for row in csv.reader(io.StringIO(archive.read("challenges.csv").decode()))}
    assert challenges["funding"][2:] == ["2", "0.6667"]


def test_the_html_file_shows_the_figures_with_charts_and_tables(report):
    html = read(report.html_file).decode()
    assert "Accountability report 2024" in html
    assert "3,500.50" in html
    assert html.count("<svg") >= 8
    assert '<th scope="row">Gender-Based Violence</th>' in html
    assert "66.7%" in html  # CLDR English: no space before the sign (French has one)


def test_the_pdf_has_pages():
    require_or_skip(weasyprint_works(), "WeasyPrint needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    report = compiled_report(build_world(), make_compiler())
    pdf = read(report.pdf_file)
    assert pdf.startswith(b"%PDF")
    assert pdf_page_count(pdf) >= 2
    assert report.pdf_unavailable_reason == ""


def test_without_weasyprint_the_report_still_compiles_and_says_why_there_is_no_pdf(monkeypatch):
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (None, "WeasyPrint cannot run on this server (no Pango)"))
    report = compiled_report(build_world(), make_compiler())
    assert report.status == AccountabilityReport.Status.SUCCEEDED
    assert not report.pdf_file
    assert report.pdf_unavailable_reason == "WeasyPrint cannot run on this server (no Pango)"
    assert report.xlsx_file and report.csv_file and report.html_file


def test_headline_amounts_of_a_million_or_more_read_as_words_so_they_fit_their_tile():
    from reporting.outputs import headline

    shown = dict(headline({"totals": {"usd_committed": "2185848900.00", "usd_disbursed": "950000.00"}}))

    assert "US$2.2 billion" in shown.values()
    assert "US$950,000.00" in shown.values()


def test_chart_labels_are_whole_and_mirrored_in_arabic():
    import re

    from django.utils import translation

    from reporting.outputs import bar_chart_svg

    long_name = "تحالف العمل المعني بالعنف القائم على النوع الاجتماعي والعدالة الاقتصادية"
    with translation.override("ar"):
        svg = str(bar_chart_svg("gbv", "الالتزامات", [(long_name, 40), ("قصير", 10)]))

    label = re.search(r'<text text-anchor="end" class="chart-label">(.*?)</text>', svg).group(1)
    assert " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)) == long_name  # every word, none cut
    assert "…" not in svg
    assert 'direction="rtl"' in svg
    # The labels sit on the right-hand side and the bars grow leftwards from them.
    label_x = float(re.search(r'<tspan x="([\d.]+)"', svg).group(1))
    bar_x, bar_width = (float(n) for n in re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg).groups())
    assert label_x > 600 / 2 and bar_x + bar_width == 680 - 300
