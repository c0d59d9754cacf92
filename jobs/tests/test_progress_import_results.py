"""Results and deliverables in a focal point's spreadsheet of progress
reports: named by the commitment's own indicator names and deliverable
titles, read into the report services' shapes, and refused at their column
(with the names there are) when a name, a value or a breakdown is wrong."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalitions.models import Unit
from commitments.models import Deliverable, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory
from jobs import progress_imports
from jobs.measure_cells import parse_deliverables, parse_results
from reporting.models import ProgressImportJob, ProgressReport
from reporting.result_models import DeliverableUpdate, IndicatorResult, ResultBreakdown
from reporting.tests.factories import focal_point

pytestmark = pytest.mark.django_db

HEADER = "reference,cycle_year,implementation_status,results,deliverables\n"


@pytest.fixture
def appointment(client):
    appointment = focal_point("KE")
    client.force_login(appointment.user)
    return appointment


@pytest.fixture
def commitment():
    commitment = ApprovedCommitmentFactory()
    for order, (name, unit) in enumerate((("Health workers trained", Unit.PEOPLE), ("Clinics opened", Unit.COUNT))):
        Indicator.objects.create(
            commitment=commitment,
            name=name,
            unit=unit,
            baseline_value=Decimal(0),
            baseline_year=2022,
            target_value=Decimal(500),
            target_year=2026,
            order=order,
        )
    Deliverable.objects.create(commitment=commitment, title="Training manual", due_year=2025)
    return commitment


def upload(client, appointment, rows, captured):
    content = (HEADER + "".join(f"{row}\n" for row in rows)).encode()
    with captured(execute=True):
        client.post(
            reverse("my-country-import", kwargs={"code": appointment.country_id}),
            {"file": SimpleUploadedFile("reports.csv", content)},
        )
    return ProgressImportJob.objects.order_by("-pk").first()


def test_results_with_a_breakdown_and_deliverables_are_entered(
    client, appointment, commitment, open_cycle, django_capture_on_commit_callbacks
):
    row = (
        f"{commitment.reference},{open_cycle.year},on_track,"
        '"health workers  TRAINED = 120 | sex: female=70, male=50; Clinics opened = 3",'
        '"Training manual = In progress"'
    )

    job = upload(client, appointment, [row], django_capture_on_commit_callbacks)

    assert (job.status, job.created_count, job.error_count) == ("succeeded", 1, 0)
    report = ProgressReport.objects.get(commitment=commitment)
    values = dict(IndicatorResult.objects.filter(report=report).values_list("indicator__name", "value"))
    assert values == {"Health workers trained": Decimal(120), "Clinics opened": Decimal(3)}
    parts = dict(ResultBreakdown.objects.filter(result__report=report).values_list("category", "value"))
    assert parts == {"female": Decimal(70), "male": Decimal(50)}
    [update] = DeliverableUpdate.objects.filter(report=report)
    assert (update.deliverable.title, update.status) == ("Training manual", "in_progress")


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ('"Nurses hired = 4",', "results", "its indicators: Health workers trained; Clinics opened"),
        ('"Health workers trained = many",', "results", "the value is a number of 0 or more"),
        ('"Health workers trained 120",', "results", "“=” and the value"),
        ('"Health workers trained = 120 | sex: female=70, male=40",', "results", "add up to 110"),
        ('"Health workers trained = 120 | colour: red=120",', "results", "a breakdown is written"),
        ('"Clinics opened = 3 | sex: female=3",', "results", "does not count people"),
        (',"Training manual = finished"', "deliverables", "not_started, in_progress, delivered, dropped"),
        (',"Shelter = delivered"', "deliverables", "its deliverables: Training manual"),
    ],
)
def test_a_bad_cell_is_refused_at_its_column_and_nothing_is_imported(
    client, appointment, commitment, open_cycle, django_capture_on_commit_callbacks, cells, column, expected
):
    row = f"{commitment.reference},{open_cycle.year},on_track,{cells}"

    job = upload(client, appointment, [row], django_capture_on_commit_callbacks)

    assert not ProgressReport.objects.exists()
    problems = progress_imports.read_error_report(job)
    assert [(line, name) for line, name, _message in problems] == [("2", column)]
    assert expected in problems[0][2]


def test_a_result_named_for_another_commitments_indicator_is_refused(
    client, appointment, commitment, open_cycle, django_capture_on_commit_callbacks
):
    other = ApprovedCommitmentFactory()
    row = f'{other.reference},{open_cycle.year},on_track,"Health workers trained = 10",'

    job = upload(client, appointment, [row], django_capture_on_commit_callbacks)

    assert not ProgressReport.objects.exists()
    [(_line, name, message)] = progress_imports.read_error_report(job)
    assert name == "results"
    assert "(its indicators: none)" in message


def test_every_item_of_a_cell_is_read_and_each_refusal_says_which():
    results, errors = parse_results("A = 1; B = x; C = 2 | sex: female=2; = 4")
    assert [item["name"] for item in results] == ["A", "C"]
    assert results[1]["breakdown"] == {"sex": {"female": Decimal(2)}}
    assert [error.split(":")[0] for error in errors] == ["Result 2 (B)", "Result 4 ()"]
    updates, errors = parse_deliverables("Manual = delivered; Fund = not started")
    assert [update["status"] for update in updates] == ["delivered", "not_started"]
    assert errors == []


def test_the_template_explains_the_new_columns(client, appointment):
    page = client.get(reverse("my-country-import", kwargs={"code": "KE"}))

    text = page.content.decode()
    assert "Training manual = delivered" in text
    assert "People trained = 120 | sex: female=70, male=50" in text
