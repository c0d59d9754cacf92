"""The measurable side of the report fixture's world (report_fixture.py):
indicators with results, deliverables, SMART scores and assessments, with
every figure of reporting.measure_figures worked out by hand below.

Standard indicators: PEOPLE (people reached by services), LAWS (laws and
policies adopted or reformed).

    c1  GBV, maker in Africa        PEOPLE 300 in 2024 (accepted, verified)
                                    sex: women 200, men 90, not known 10
                                    age: 15-24 120, 25-64 180
    c2  GBV + Economic, Africa      PEOPLE 100 (submitted), sex: women 60, men 40
                                    LAWS 2
    c3  Economic, Europe            PEOPLE 50 (accepted, partly verified);
                                    an indicator of its own (no standard) 999
    c4  Technology, Asia            PEOPLE 1000 on a draft report (not counted)
    late  published after the snapshot: PEOPLE 77 (not counted)

Deliverables (cycle 2024, so "due" means due by 2024):

    c1  D1 due 2023 delivered in 2023 (on time); D2 due 2022 delivered in
        2024 (late); D3 due 2026 in progress (not due yet)
    c2  D4 due 2024 in progress (open); D5 due 2024 dropped
    c3  D6 due 2023 delivered, no report said when (late)
    draft  D7 due 2023 delivered (not counted: not approved)

Money (USD, reports of every cycle up to 2024): c2 committed 1000.00, 2023
report 100.11 and 2024 report 400.25: 500.36 to date. c3 committed 2500.50,
2023 report 2000.00 and 2024 report 1000.00: 3000.00 to date, more than
committed. c4 committed nothing, 5.00 in 2023.

SMART scores: c1 4, c2 2, c3 5, c4 0 (late not counted).
"""

from decimal import Decimal

from coalitions.models import StandardIndicator
from commitments.measure_models import Deliverable, Indicator
from commitments.models import Commitment
from reporting.models import ProgressReport
from reporting.result_models import IndicatorResult, ResultBreakdown

from .factories import ProgressReportFactory

PEOPLE = "people-reached-by-services"
LAWS = "laws-and-policies-adopted"


def add_measures(cycle_2023, cycle, *, c1, c2, c3, c4, late, draft):
    standard = {s.code: s for s in StandardIndicator.objects.filter(code__in=[PEOPLE, LAWS])}
    reports = {report.commitment_id: report for report in ProgressReport.objects.filter(cycle=cycle)}

    def indicator(commitment, code=None, name="People reached"):
        tied = standard.get(code)
        return Indicator.objects.create(
            commitment=commitment,
            standard=tied,
            name=name,
            unit=tied.unit if tied else "count",
            baseline_value=0,
            baseline_year=2022,
            target_value=5000,
            target_year=2026,
        )

    def result(commitment, of, value, **breakdown):
        found = IndicatorResult.objects.create(report=reports[commitment.pk], indicator=of, value=Decimal(value))
        for dimension, parts in breakdown.items():
            for category, part in parts.items():
                ResultBreakdown.objects.create(result=found, dimension=dimension, category=category, value=part)

    result(
        c1,
        indicator(c1, PEOPLE),
        300,
        sex={"female": 200, "male": 90, "not_known": 10},
        age_group={"15_24": 120, "25_64": 180},
    )
    result(c2, indicator(c2, PEOPLE), 100, sex={"female": 60, "male": 40})
    result(c2, indicator(c2, LAWS, name="Laws reformed"), 2)
    result(c3, indicator(c3, PEOPLE), 50)
    result(c3, indicator(c3, name="Training sessions"), 999)
    result(c4, indicator(c4, PEOPLE), 1000)
    result(late, indicator(late, PEOPLE), 77)

    def deliverable(commitment, due_year, status, delivered_in=None):
        Deliverable.objects.create(
            commitment=commitment, title=f"Due {due_year}", due_year=due_year, status=status, delivered_in=delivered_in
        )

    deliverable(c1, 2023, "delivered", 2023)
    deliverable(c1, 2022, "delivered", 2024)
    deliverable(c1, 2026, "in_progress")
    deliverable(c2, 2024, "in_progress")
    deliverable(c2, 2024, "dropped")
    deliverable(c3, 2023, "delivered")
    deliverable(draft, 2023, "delivered")

    accepted = ProgressReport.Status.ACCEPTED
    for commitment, amount in ((c2, "100.11"), (c3, "2000.00")):
        ProgressReportFactory(
            commitment=commitment, cycle=cycle_2023, status=accepted, amount_disbursed_usd=Decimal(amount)
        )

    for commitment, score in ((c1, 4), (c2, 2), (c3, 5), (c4, 0)):
        Commitment.objects.filter(pk=commitment.pk).update(smart_score=score)
    ProgressReport.objects.filter(pk=reports[c1.pk].pk).update(assessment="verified")
    ProgressReport.objects.filter(pk=reports[c3.pk].pk).update(assessment="partly_verified")
