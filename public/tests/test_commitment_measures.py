"""The measures on the public commitment page: progress bar, indicators from
baseline to latest to target with a chart, deliverables on time or late, the
SMART score, disbursed against committed, and the secretariat's assessment
beside (never instead of) the maker's self-reported status."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Deliverable, DeliverableStatus, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import Assessment, IndicatorResult
from reporting.progress import recompute_progress
from reporting.tests.factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db


def measured_commitment(indicators=1, cycles=(2023, 2024)):
    commitment = ApprovedCommitmentFactory(
        start_year=2022, end_year=2026, is_financial=True, financial_amount_usd=Decimal("1000")
    )
    made = [
        Indicator.objects.create(
            commitment=commitment,
            name=f"Survivors sheltered {n}",
            unit="people",
            baseline_value=100,
            baseline_year=2022,
            target_value=300,
            target_year=2026,
            order=n,
        )
        for n in range(indicators)
    ]
    Deliverable.objects.create(
        commitment=commitment,
        title="Hotline opened",
        due_year=2023,
        status=DeliverableStatus.DELIVERED,
        delivered_in=2024,
    )
    Deliverable.objects.create(commitment=commitment, title="Second shelter", due_year=2025)
    for number, year in enumerate(cycles):
        report = ProgressReportFactory(
            commitment=commitment,
            cycle=closed_cycle(year),
            status="accepted",
            implementation_status="off_track" if number else "on_track",
            amount_disbursed_usd=Decimal("600"),
            assessment=Assessment.PARTLY_VERIFIED if number else "",
            assessment_comment="Shelter records seen; hotline logs missing." if number else "",
        )
        for indicator in made:
            IndicatorResult.objects.create(report=report, indicator=indicator, value=150 + 50 * number)
    recompute_progress([commitment.pk])
    commitment.refresh_from_db()
    return commitment


def test_the_page_shows_progress_indicators_deliverables_money_and_the_assessment(client):
    commitment = measured_commitment()
    response = client.get(commitment.get_absolute_url())
    html = response.content.decode()
    # Indicator at (200-100)/(300-100) = 0.5; deliverables 1 of 2: (0.5+0.5)/2.
    assert commitment.progress == 50
    assert '<progress id="commitment-progress" class="progress-bar" max="100" value="50"' in html
    assert "Survivors sheltered 0" in html
    view = response.context["indicators"][0]
    assert (view.latest.year, view.latest.value, view.percent) == (2024, 200, 50)
    assert html.count('class="indicator-chart__point"') == 3  # baseline and two cycles
    assert "late, 2024" in html  # due 2023, delivered 2024
    assert "Second shelter" in html
    assert "US$1,200 disbursed so far" in html and "120% of the US$1,000 committed" in html
    assert "add up to more than the amount committed" in html
    # Self-reported and assessed in separate columns of the same row.
    row = re.search(r"<th scope=\"row\">2024</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert "Off track" in cells[0] and "Partly verified" not in cells[0]
    assert "Partly verified" in cells[1] and "hotline logs missing" in cells[1]
    assert "not assessed" in html  # 2023 was accepted without an assessment
    assert f"{response.context['smart'].score} of 5" in html


def test_the_chart_coordinates_stay_numbers_in_a_language_with_a_decimal_comma(client):
    commitment = measured_commitment()
    html = client.get(commitment.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    points = re.search(r'<polyline class="indicator-chart__line" points="([^"]+)"', html).group(1)
    assert re.fullmatch(r"[\d.]+,[\d.]+( [\d.]+,[\d.]+)*", points)


def test_a_commitment_without_measures_says_so(client):
    commitment = ApprovedCommitmentFactory()
    html = client.get(commitment.get_absolute_url()).content.decode()
    assert "No progress can be computed yet" in html
    assert "This commitment has no indicators." in html
    assert "This commitment has no deliverables." in html
    assert "<progress" not in html


def _queries(client, indicators, cycles):
    commitment = measured_commitment(indicators=indicators, cycles=cycles)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(commitment.get_absolute_url())
    assert len(response.context["indicators"]) == indicators
    return len(queries)


def test_the_page_runs_the_same_queries_for_1_and_6_indicators_over_more_cycles(client):
    assert _queries(client, 1, (2023,)) == _queries(client, 6, (2020, 2021))
