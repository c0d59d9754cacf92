"""Indicators and sub-national places in the commitments spreadsheet: read
by the import through the indicator services' rules, written by the export in
the same form, so that an export edited and imported back changes what was
edited and nothing else."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from coalitions.models import StandardIndicator, Subdivision, Unit
from commitments.models import Commitment, ImportJob, Indicator
from commitments.tests import admin_fixtures
from commitments.tests.factories import MakerFactory
from jobs import imports as importing
from jobs.measure_cells import parse_indicators, standards_by_code

pytestmark = pytest.mark.django_db
secretariat_admin = admin_fixtures.secretariat_admin

ADD = reverse("admin:commitments_importjob_add")
EXPORT = reverse("admin:commitments_commitment_export")
TRAINED = "Women candidates trained | people | 0 | 2023 | 500 | 2026"


@pytest.fixture
def maker():
    return MakerFactory(name=importing.TEMPLATE_EXAMPLE["maker"])


def csv_upload(rows, columns=importing.COLUMNS):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("commitments.csv", buffer.getvalue().encode(), content_type="text/csv")


def run(client, rows, *, dry_run=False, columns=importing.COLUMNS):
    data = {"source": csv_upload(rows, columns)}
    if dry_run:
        data["dry_run"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(ADD, data)
    assert response.status_code == 302
    job = ImportJob.objects.latest("id")
    return job, {(int(line), column): message for line, column, message in importing.read_error_report(job)}


def row(**values):
    return {**importing.TEMPLATE_EXAMPLE, **values}


def test_an_imported_row_brings_its_indicators_and_places_and_a_higher_smart_score(client, secretariat_admin, maker):
    standard = StandardIndicator.objects.filter(unit=Unit.PEOPLE, active=True).first()
    indicators = f"{TRAINED}; Shelters run by county governments | count | 2 | 2023 | 12 | 2026 ;"
    indicators += f"Survivors supported | | 1,000 | 2023 | 2,500.50 | 2026 | {standard.code}"
    client.force_login(secretariat_admin)

    job, problems = run(
        client, [row(places="ke-30;KE-47", indicators=indicators), row(title="Without indicators", indicators="")]
    )

    assert problems == {} and job.created_count == 2
    commitment, without = Commitment.objects.order_by("pk")
    assert sorted(commitment.places.values_list("code", flat=True)) == ["KE-30", "KE-47"]
    rows = list(commitment.indicators.order_by("order").values_list("name", "unit", "target_value", "standard"))
    assert rows == [
        ("Women candidates trained", "people", Decimal("500.00"), None),
        ("Shelters run by county governments", "count", Decimal("12.00"), None),
        ("Survivors supported", standard.unit, Decimal("2500.50"), standard.pk),
    ]
    # Measurable: the indicators with baselines and targets are one more criterion met.
    assert commitment.smart_score == without.smart_score + 1


@pytest.mark.parametrize(
    "cell, words",
    [
        ("Women trained | people | 0 | 2023 | 500", "write 6 parts"),
        ("Women trained | persons | 0 | 2023 | 500 | 2026", "the unit is one of"),
        ("Women trained | people | lots | 2023 | 500 | 2026", "the baseline is a number"),
        ("Women trained | people | 0 | 23 | 500 | 2026", "the baseline year is four digits"),
        ("Women trained | people | 0 | 2023 | 500 | 2026 | no-such-code", "no standard indicator has the code"),
        (f"{TRAINED}; {TRAINED}", "the same name as another indicator"),
        ("Women trained | people | 500 | 2023 | 500 | 2026", "The target must differ from the baseline"),
        ("Women trained | people | 0 | 2023 | 500 | 2031", "after the commitment ends"),
        ("Women trained | people | 0 | 2025 | 500 | 2024", "cannot come before the baseline year"),
    ],
)
def test_a_bad_indicator_is_refused_under_its_column_and_nothing_is_imported(
    client, secretariat_admin, maker, cell, words
):
    client.force_login(secretariat_admin)

    job, problems = run(client, [row(indicators=cell)])

    assert list(problems) == [(2, "indicators")]
    assert words in problems[(2, "indicators")]
    assert not Commitment.objects.exists() and not Indicator.objects.exists()


def test_a_place_outside_the_commitments_countries_or_unknown_is_refused(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    tanzanian = Subdivision.objects.filter(country_id="TZ").first()

    _job, problems = run(client, [row(places=tanzanian.code), row(title="Another", places="KE-99X")])

    assert "not in the commitment's countries" in problems[(2, "places")]
    assert "KE-99X" in problems[(3, "places")]
    assert not Commitment.objects.exists()


def test_importing_again_updates_indicators_by_name_and_keeps_the_others(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    run(client, [row(indicators=TRAINED)])
    commitment = Commitment.objects.get()
    Indicator.objects.create(
        commitment=commitment,
        name="Kept as it is",
        unit=Unit.COUNT,
        baseline_value=1,
        baseline_year=2023,
        target_value=3,
        target_year=2026,
        order=5,
    )
    moved = TRAINED.replace("| 500 |", "| 650 |").replace("Women candidates", "women  CANDIDATES")

    job, problems = run(client, [row(reference=commitment.reference, indicators=moved)])

    assert problems == {} and job.updated_count == 1
    indicators = dict(commitment.indicators.values_list("name", "target_value"))
    assert indicators == {"Women candidates trained": Decimal("650.00"), "Kept as it is": Decimal("3.00")}
    assert "indicators" in commitment.review_events.latest("id").comment

    job, problems = run(client, [row(reference=commitment.reference, indicators=moved, title=row()["title"] + " ")])
    assert job.updated_count == 0


def test_an_approved_commitments_indicators_are_not_changed_by_import(client, secretariat_admin, maker):
    client.force_login(secretariat_admin)
    run(client, [row(indicators=TRAINED)])
    commitment = Commitment.objects.get()
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.APPROVED)

    _job, problems = run(client, [row(reference=commitment.reference, indicators=TRAINED.replace("500", "900"))])

    assert "amendment" in problems[(2, "reference")]
    assert commitment.indicators.get().target_value == 500


def test_an_export_imports_back_unchanged(client, secretariat_admin, maker):
    standard = StandardIndicator.objects.filter(active=True, unit=Unit.PEOPLE).first()
    client.force_login(secretariat_admin)
    cell = f"{TRAINED}; Reached | | 10.5 | 2023 | 40 | 2025 | {standard.code}"
    run(client, [row(places="KE-30", indicators=cell)])

    response = client.get(EXPORT, {"_format": "csv"})
    exported = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert exported[0]["places"] == "KE-30"
    assert exported[0]["indicators"] == f"{TRAINED}; Reached | people | 10.5 | 2023 | 40 | 2025 | {standard.code}"
    job, problems = run(client, exported, columns=list(exported[0]))
    assert problems == {} and (job.created_count, job.updated_count) == (0, 0)


def test_the_cell_reader_gives_every_problem_of_a_cell_at_once():
    indicators, errors = parse_indicators(
        "A | | x | 20 | 5 | 2026; B | count | 1 | 2023 | 2 | 2024", standards_by_code()
    )

    assert [item["name"] for item in indicators] == ["B"]
    assert errors == [
        "Indicator 1 (A): give its unit (people, organisations, laws_policies, usd, percent, count); "
        "the baseline is a number of 0 or more, e.g. 1200; the baseline year is four digits 0-9, e.g. 2025."
    ]
