"""Results, breakdowns, deliverable updates and money in a progress report,
through the report services; the secretariat's assessment; and the progress
rule with hand-computed figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coalitions.models import Unit
from commitments.models import Commitment, Deliverable, DeliverableStatus, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory
from reporting import services
from reporting.models import ProgressReport
from reporting.progress import _recompute_in_python, progress_of, recompute_progress
from reporting.results import disbursed, disbursed_warning

from .factories import ProgressReportFactory, closed_cycle

Status = ProgressReport.Status
pytestmark = pytest.mark.django_db


def indicator(commitment, *, baseline=0, target=100, unit=Unit.PEOPLE, name="Survivors supported"):
    return Indicator.objects.create(
        commitment=commitment,
        name=name,
        unit=unit,
        baseline_value=Decimal(baseline),
        baseline_year=2022,
        target_value=Decimal(target),
        target_year=2026,
    )


@pytest.fixture
def commitment(member):
    return ApprovedCommitmentFactory(maker=member.maker, financial_amount_usd=Decimal("1000"))


def base(**overrides):
    return {"implementation_status": "on_track", "narrative": "Shelters opened.", **overrides}


def test_results_with_a_breakdown_are_recorded(member, commitment, open_cycle):
    people = indicator(commitment)
    report = services.report_create(
        actor=member,
        commitment=commitment,
        cycle=open_cycle,
        data=base(
            results=[
                {
                    "indicator": people,
                    "value": Decimal("50"),
                    "breakdown": {
                        "sex": {"female": 40, "male": 10},
                        "disability": {"with_disability": 5, "not_known": 45},
                    },
                }
            ]
        ),
    )
    result = report.results.get()
    assert result.value == Decimal("50")
    assert sorted((part.dimension, part.category, part.value) for part in result.breakdown.all()) == [
        ("disability", "not_known", Decimal("45")),
        ("disability", "with_disability", Decimal("5")),
        ("sex", "female", Decimal("40")),
        ("sex", "male", Decimal("10")),
    ]
    # Given again, results replace the report's own.
    services.report_update(actor=member, report=report, data={"results": [{"indicator": people.pk, "value": 60}]})
    assert report.results.get().value == Decimal("60") and not report.results.get().breakdown.exists()


@pytest.mark.parametrize(
    "result, message",
    [
        ({"value": 50, "breakdown": {"sex": {"female": 40, "male": 5}}}, "add up to 45"),
        ({"value": 50, "breakdown": {"sex": {"women": 50}}}, "unknown categories"),
        ({"value": 50, "breakdown": {"colour": {"red": 50}}}, "unknown dimension"),
        ({"value": -1}, "0 or more"),
        ({"value": None}, "actual value"),
    ],
)
def test_bad_results_are_refused_and_nothing_changes(member, commitment, open_cycle, result, message):
    people = indicator(commitment)
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=member, commitment=commitment, cycle=open_cycle, data=base(results=[{"indicator": people, **result}])
        )
    assert message in " ".join(error.value.message_dict["results"])
    assert not ProgressReport.objects.exists()


def test_a_result_for_another_commitments_indicator_is_refused(member, commitment, open_cycle):
    other = indicator(ApprovedCommitmentFactory(maker=member.maker))
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=member, commitment=commitment, cycle=open_cycle, data=base(results=[{"indicator": other, "value": 1}])
        )
    assert "another commitment" in error.value.message_dict["results"][0]


def test_a_breakdown_of_an_indicator_that_does_not_count_people_is_refused(member, commitment, open_cycle):
    laws = indicator(commitment, unit=Unit.LAWS_POLICIES, name="Laws reformed", target=3)
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=member,
            commitment=commitment,
            cycle=open_cycle,
            data=base(results=[{"indicator": laws, "value": 1, "breakdown": {"sex": {"female": 1}}}]),
        )
    assert "does not count people" in error.value.message_dict["results"][0]


@pytest.mark.parametrize(
    "money, field",
    [
        ({"amount_disbursed_original": Decimal("100")}, "currency"),
        ({"amount_disbursed_original": Decimal("100"), "currency": "KES"}, "usd_rate"),
        ({"amount_disbursed_original": Decimal("100"), "currency": "XYZ", "usd_rate": Decimal("0.01")}, "currency"),
        ({"currency": "KES", "usd_rate": Decimal("0.01")}, "amount_disbursed_original"),
    ],
)
def test_money_in_another_currency_needs_its_code_and_rate(member, commitment, open_cycle, money, field):
    with pytest.raises(ValidationError) as error:
        services.report_create(actor=member, commitment=commitment, cycle=open_cycle, data=base(**money))
    assert field in error.value.message_dict


def test_usd_is_the_original_amount_times_the_rate(member, commitment, open_cycle):
    report = services.report_create(
        actor=member,
        commitment=commitment,
        cycle=open_cycle,
        data=base(amount_disbursed_original=Decimal("129000"), currency="kes", usd_rate=Decimal("0.00775194")),
    )
    report.refresh_from_db()
    assert (report.currency, report.amount_disbursed_usd) == ("KES", Decimal("1000.00"))


def test_disbursed_above_committed_is_allowed_but_flagged(member, commitment, open_cycle):
    ProgressReportFactory(
        commitment=commitment, cycle=closed_cycle(2023), status=Status.ACCEPTED, amount_disbursed_usd=700
    )
    ProgressReportFactory(
        commitment=commitment, cycle=closed_cycle(2022), status=Status.DRAFT, amount_disbursed_usd=900
    )
    assert disbursed(commitment).total == Decimal("700")
    assert disbursed_warning(commitment) == ""
    report = services.report_create(
        actor=member, commitment=commitment, cycle=open_cycle, data=base(amount_disbursed_usd=Decimal("400"))
    )
    money = disbursed(commitment, report=report, amount=report.amount_disbursed_usd)
    assert (money.total, money.over, round(money.share, 2)) == (Decimal("1100"), True, 1.1)
    assert "1,100.00" in disbursed_warning(commitment, report=report, amount=Decimal("400"))
    services.report_submit(actor=member, report=report)
    assert disbursed(commitment).over


def test_submitting_updates_the_deliverables_and_accepting_records_the_assessment(
    member, reviewer, commitment, open_cycle
):
    shelter = Deliverable.objects.create(commitment=commitment, title="Shelter", due_year=2024)
    report = services.report_create(
        actor=member,
        commitment=commitment,
        cycle=open_cycle,
        data=base(deliverable_updates=[{"deliverable": shelter, "status": DeliverableStatus.DELIVERED}]),
    )
    shelter.refresh_from_db()
    assert shelter.status == DeliverableStatus.NOT_STARTED  # a draft says nothing yet
    services.report_submit(actor=member, report=report)
    shelter.refresh_from_db()
    assert (shelter.status, shelter.delivered_in) == (DeliverableStatus.DELIVERED, open_cycle.year)
    assert Commitment.objects.get(pk=commitment.pk).progress == 100
    services.report_accept(
        actor=reviewer, report=report, assessment="partly_verified", assessment_comment="Only one site visited."
    )
    report.refresh_from_db()
    assert (report.assessment, report.assessed_by, report.implementation_status) == (
        "partly_verified",
        reviewer,
        "on_track",
    )
    assert report.history.filter(assessment="partly_verified").exists()


def test_a_deliverable_update_of_another_commitment_is_refused(member, commitment, open_cycle):
    stray = Deliverable.objects.create(commitment=ApprovedCommitmentFactory(), title="Elsewhere", due_year=2024)
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=member,
            commitment=commitment,
            cycle=open_cycle,
            data=base(deliverable_updates=[{"deliverable": stray, "status": "delivered"}]),
        )
    assert "deliverable_updates" in error.value.message_dict


def test_an_unknown_assessment_is_refused(reviewer, commitment, open_cycle):
    report = ProgressReportFactory(commitment=commitment, cycle=open_cycle, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        services.report_accept(actor=reviewer, report=report, assessment="probably")
    assert ProgressReport.objects.get().status == Status.SUBMITTED


# Progress ------------------------------------------------------------------------


def result(report, target, value):
    from reporting.models import IndicatorResult

    IndicatorResult.objects.create(report=report, indicator=target, value=Decimal(value))


def test_progress_by_hand(member, reviewer, commitment, open_cycle):
    """Indicators: 0→100 at 50 (0.5), 200→100 at 90 (past the target: 1.0),
    10→20 without a counted result (0); mean 0.5. Deliverables: 1 delivered of
    2 not dropped (0.5). Progress (0.5 + 0.5) / 2 = 50."""
    up = indicator(commitment)
    down = indicator(commitment, baseline=200, target=100, name="Days waiting for a hearing", unit=Unit.COUNT)
    late = indicator(commitment, baseline=10, target=20, name="Shelters", unit=Unit.COUNT)
    Deliverable.objects.create(commitment=commitment, title="A", due_year=2024, status="delivered", delivered_in=2024)
    Deliverable.objects.create(commitment=commitment, title="B", due_year=2025)
    Deliverable.objects.create(commitment=commitment, title="C", due_year=2025, status="dropped")
    old = ProgressReportFactory(commitment=commitment, cycle=closed_cycle(2023), status=Status.ACCEPTED)
    result(old, up, 80)  # superseded by the newer cycle's 50
    new = ProgressReportFactory(commitment=commitment, cycle=open_cycle, status=Status.SUBMITTED)
    result(new, up, 50)
    result(new, down, 90)
    draft = ProgressReportFactory(commitment=commitment, cycle=closed_cycle(2022), status=Status.DRAFT)
    result(draft, late, 20)  # a draft does not count
    recompute_progress()
    assert Commitment.objects.get(pk=commitment.pk).progress == 50
    # The embedded SQLite default runs the rule in Python: the same answer.
    Commitment.objects.filter(pk=commitment.pk).update(progress=None)
    assert _recompute_in_python([commitment.pk]) == 1
    assert Commitment.objects.get(pk=commitment.pk).progress == 50
    detail = progress_of(commitment)
    assert detail.percent == 50
    assert [(row.indicator.pk, row.share) for row in detail.indicators] == [
        (up.pk, 0.5),
        (down.pk, 1.0),
        (late.pk, 0.0),
    ]
    assert [(point.year, point.value) for point in detail.indicators[0].series] == [(2023, 80), (open_cycle.year, 50)]
    # Returning the newer report leaves the older result: 0→100 at 80, and the
    # falling indicator back at its baseline: (0.8 + 0 + 0) / 3 = 0.2667;
    # (0.2667 + 0.5) / 2 = 38.33 → 38.
    services.report_return(actor=reviewer, report=new, comment="Add evidence.")
    assert Commitment.objects.get(pk=commitment.pk).progress == 38 == progress_of(commitment).percent


def test_progress_is_null_when_nothing_is_measurable_and_rounds_half_up(member, commitment):
    other = ApprovedCommitmentFactory(maker=member.maker)
    recompute_progress()
    assert Commitment.objects.get(pk=commitment.pk).progress is None
    # One deliverable of 8 delivered: 12.5 → 13.
    for number in range(8):
        Deliverable.objects.create(
            commitment=other,
            title=f"D{number}",
            due_year=2024,
            **({"status": "delivered", "delivered_in": 2024} if number == 0 else {}),
        )
    recompute_progress([other.pk])
    assert Commitment.objects.get(pk=other.pk).progress == 13 == progress_of(other).percent


def test_the_measures_services_keep_progress_current(member):
    from commitments import services as commitment_services
    from commitments.tests.factories import CommitmentFactory

    draft = CommitmentFactory(maker=member.maker)
    deliverable = commitment_services.deliverable_save(
        actor=member, commitment=draft, data={"title": "Hotline", "due_year": 2024}
    )
    assert Commitment.objects.get(pk=draft.pk).progress == 0
    commitment_services.deliverable_delete(actor=member, deliverable=deliverable)
    assert Commitment.objects.get(pk=draft.pk).progress is None
