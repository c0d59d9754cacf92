"""The report's figures on whether promises were kept, against the world of
reporting/tests/measure_fixture.py, whose every figure is worked out by hand
there."""

import pytest

from reporting.compile import compile_figures
from reporting.measure_figures import MEASURE_STEPS

from .measure_fixture import LAWS, PEOPLE
from .report_fixture import ECONOMIC, GBV, SNAPSHOT, TECH, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    return compile_figures(build_world(measures=True), SNAPSHOT)


def table(figures, key):
    return {row["key"]: row for row in next(t for t in figures["tables"] if t["key"] == key)["rows"]}


def test_results_per_standard_indicator_count_each_counted_result_once(figures):
    rows = table(figures, "results_by_standard_indicator")
    # c1 300 + c2 100 + c3 50; c4's draft, the late commitment and c3's own indicator are not counted.
    assert (rows[PEOPLE]["commitments"], rows[PEOPLE]["result"]) == (3, "450.00")
    assert (rows[LAWS]["commitments"], rows[LAWS]["result"]) == (1, "2.00")
    assert rows["usd-disbursed"]["result"] == "0.00"
    assert rows[PEOPLE]["unit"] == "people"


def test_results_by_coalition_count_a_commitment_in_each_of_its_coalitions(figures):
    rows = table(figures, "results_by_coalition")
    found = {key: (row["coalition"], row["commitments"], row["result"]) for key, row in rows.items()}
    assert found == {
        f"{PEOPLE}-{GBV}": ("GBV", 2, "400.00"),
        f"{PEOPLE}-{ECONOMIC}": ("Economic Justice", 2, "150.00"),
        f"{LAWS}-{GBV}": ("GBV", 1, "2.00"),
        f"{LAWS}-{ECONOMIC}": ("Economic Justice", 1, "2.00"),
    }


def test_results_by_region_of_the_maker(figures):
    rows = table(figures, "results_by_region")
    assert {key: (row["commitments"], row["result"]) for key, row in rows.items()} == {
        f"{PEOPLE}-africa": (2, "400.00"),
        f"{PEOPLE}-europe_central_asia": (1, "50.00"),
        f"{LAWS}-africa": (1, "2.00"),
    }


def test_results_breakdown_sums_the_parts_with_their_shares(figures):
    rows = table(figures, "results_breakdown")
    sex = {key.rsplit("-", 1)[1]: (row["result"], row["share"]) for key, row in rows.items() if "-sex-" in key}
    assert sex == {
        "female": ("260.00", 0.65),
        "male": ("130.00", 0.325),
        "other": ("0.00", 0.0),
        "not_known": ("10.00", 0.025),
    }
    age = {key.rsplit("-", 1)[1]: row["share"] for key, row in rows.items() if "-age_group-" in key}
    assert age == {"under_15": 0.0, "15_24": 0.4, "25_64": 0.6, "65_plus": 0.0, "not_known": 0.0}
    # Nobody broke results down by disability, and laws are not people.
    assert not [key for key in rows if "-disability-" in key or key.startswith(LAWS)]


def test_deliverables_due_by_the_cycle_and_delivered_on_time(figures):
    rows = table(figures, "deliverables_by_coalition")
    columns = ("due", "delivered_on_time", "delivered_late", "open", "dropped", "on_time_rate")

    def counts(key):
        return tuple(rows[key][column] for column in columns)

    assert counts("all") == (5, 1, 2, 1, 1, 0.2)
    assert counts(GBV) == (4, 1, 1, 1, 1, 0.25)
    assert counts(ECONOMIC) == (3, 0, 1, 1, 1, 0.0)
    assert counts(TECH) == (0, 0, 0, 0, 0, None)


def test_disbursed_against_committed_by_coalition(figures):
    rows = table(figures, "disbursed_by_coalition")
    columns = (
        "commitments",
        "usd_committed",
        "usd_disbursed",
        "usd_disbursed_to_date",
        "disbursed_share",
        "over_committed",
    )

    def money(key):
        return tuple(rows[key][column] for column in columns)

    assert money(GBV) == (2, "1000.00", "400.25", "500.36", 0.5004, 0)
    assert money(ECONOMIC) == (2, "3500.50", "1400.25", "3500.36", 1.0, 1)
    assert money(TECH) == (1, "0.00", "0.00", "5.00", None, 0)
    assert money("feminist-action-for-climate-justice") == (0, "0.00", "0.00", "0.00", None, 0)


def test_smart_scores_distribution(figures):
    rows = table(figures, "smart_scores")
    assert [(row["commitments"], row["share"]) for row in rows.values()] == [
        (1, 0.25),
        (0, 0.0),
        (1, 0.25),
        (0, 0.0),
        (1, 0.25),
        (1, 0.25),
    ]


def test_assessments_sit_beside_the_self_reported_status(figures):
    rows = table(figures, "assessments_by_status")
    assessed = {
        key: {column: value for column, value in row.items() if column not in ("key", "label") and value}
        for key, row in rows.items()
    }
    assert assessed == {
        "not_started": {},
        "on_track": {"verified": 1, "reports": 1},
        "off_track": {"not_assessed": 1, "reports": 1},
        "completed": {"partly_verified": 1, "reports": 1},
        "discontinued": {},
    }


def test_a_country_report_counts_only_the_commitments_naming_it():
    figures = compile_figures(build_world(measures=True), SNAPSHOT, country="KE")
    people = table(figures, "results_by_standard_indicator")[PEOPLE]
    assert (people["commitments"], people["result"]) == (2, "400.00")
    assert table(figures, "deliverables_by_coalition")["all"]["due"] == 4


def test_the_new_figures_cost_the_same_queries_whatever_the_data():
    """Each table is a fixed number of GROUP BY queries (and one for its
    reference rows): more commitments, results and deliverables add none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.measure_models import Deliverable

    cycle = build_world(measures=True)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            for step in MEASURE_STEPS:
                step(cycle, SNAPSHOT)
        return len(captured)

    before = queries()
    for deliverable in list(Deliverable.objects.all()):
        deliverable.pk = None
        deliverable.save()
    assert queries() == before == 18


def test_every_file_of_the_report_carries_the_new_figures():
    """HTML, PDF, XLSX, the CSV tables and the report's JSON."""
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from conftest import require_or_skip

    from .report_fixture import compiled_report, make_compiler, weasyprint_works

    report = compiled_report(build_world(measures=True), make_compiler())
    keys = [table["key"] for table in report.data["tables"]]
    assert [step.__name__ for step in MEASURE_STEPS] == keys[-len(MEASURE_STEPS) :]

    def read(field):
        with field.open("rb") as handle:
            return handle.read()

    html = read(report.html_file).decode()
    assert "Results against the standard indicators" in html
    assert (
        '<th scope="row">People reached by services</th><td class="num">people</td><td class="num">3</td><td class="num">450</td>'
        in html
    )
    assert "Money disbursed against money committed" in html and "3,500.36" in html

    workbook = load_workbook(io.BytesIO(read(report.xlsx_file)))
    results = {row[0]: row for row in workbook["Results"].iter_rows(min_row=2, values_only=True)}
    assert float(results[PEOPLE][4]) == 450.0
    scores = [row[2] for row in workbook["SMART scores"].iter_rows(min_row=2, values_only=True)]
    assert scores == [1, 0, 1, 0, 1, 1]

    archive = zipfile.ZipFile(io.BytesIO(read(report.csv_file)))
    money = {row[0]: row for row in csv.reader(io.StringIO(archive.read("disbursed_by_coalition.csv").decode()))}
    assert money[ECONOMIC][4:8] == ["1400.25", "3500.36", "1.0", "1"]
    assessed = {row[0]: row for row in csv.reader(io.StringIO(archive.read("assessments_by_status.csv").decode()))}
    assert assessed["on_track"][2] == "1"  # verified

    require_or_skip(weasyprint_works(), "WeasyPrint needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(read(report.pdf_file))).pages)
    assert "Deliverables due, and delivered on time" in text
    assert "SMART scores of the approved commitments" in text


def test_the_results_rows_read_in_the_readers_language(figures):
    from django.utils import translation

    from coalitions.models import StandardIndicator
    from reporting.report_language import in_reader_language

    with translation.override("fr"):
        french = in_reader_language(figures)
        people = StandardIndicator.objects.get(code=PEOPLE).name
    assert people != StandardIndicator.objects.get(code=PEOPLE).name  # it has a French name
    for key in ("results_by_standard_indicator", "results_by_coalition", "results_by_region"):
        rows = table(french, key)
        assert {row["label"] for code, row in rows.items() if code.startswith(PEOPLE)} == {people}, key
    assert table(french, "results_by_standard_indicator")[PEOPLE]["unit"] == "personnes"
    breakdown = table(french, "results_breakdown")
    assert (breakdown[f"{PEOPLE}-sex-female"]["dimension"], breakdown[f"{PEOPLE}-sex-female"]["category"]) == (
        "sexe",
        "femmes et filles",
    )
    # The stored figures themselves stay as compiled.
    assert table(figures, "results_by_standard_indicator")[PEOPLE]["unit"] == "people"
