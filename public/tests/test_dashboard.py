"""The public dashboard at /: headline figures, charts and their tables."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import ActionCoalition, Country
from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from public.dashboard import bar_chart, compute_figures
from reporting import summaries
from reporting.stored_statuses import refresh_stored_statuses
from reporting.tests.factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db


def coalition(slug):
    return ActionCoalition.objects.get(slug=slug)


def test_headline_figures_count_only_approved_commitments_and_their_makers(client):
    maker = MakerFactory()
    ApprovedCommitmentFactory(maker=maker, is_financial=True, financial_amount_usd=Decimal("2000000"))
    ApprovedCommitmentFactory(maker=maker)
    ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=Decimal("500000"))
    ApprovedCommitmentFactory(status=Commitment.Status.WITHDRAWN, is_financial=True, financial_amount_usd=Decimal("9"))
    CommitmentFactory(is_financial=True, financial_amount_usd=Decimal("7000000"))

    response = client.get("/")

    figures = response.context["figures"]
    assert (figures["makers"], figures["commitments"], figures["usd"]) == (2, 3, Decimal("2500000"))
    assert "US$2.5 million" in response.content.decode()


def test_reporting_rate_is_filed_reports_over_commitments_due_to_report(client, open_cycle):
    year = open_cycle.year
    accepted = ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1)
    ProgressReportFactory(commitment=accepted, cycle=open_cycle, status="accepted")
    submitted = ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1)
    ProgressReportFactory(commitment=submitted, cycle=open_cycle, status="submitted")
    draft_report = ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1)
    ProgressReportFactory(commitment=draft_report, cycle=open_cycle, status="draft")
    ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1)
    ApprovedCommitmentFactory(start_year=2016, end_year=2017)  # ended: owes nothing

    response = client.get("/")

    assert response.context["rate"] == {"year": year, "owing": 4, "reported": 2, "percent": 50}
    page = response.content.decode()
    assert "50%" in page
    assert f"commitments due to report</a> in the {year} cycle" in page


def _catalogue_count(client, url):
    return client.get(url).context["page"].count


def test_each_dashboard_headline_links_to_the_catalogue_query_with_the_same_count(client, open_cycle):
    year = open_cycle.year
    for status in ("accepted", "submitted", "draft"):
        ProgressReportFactory(
            commitment=ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1),
            cycle=open_cycle,
            status=status,
        )
    ApprovedCommitmentFactory(start_year=2016, end_year=2017)  # ended
    completed = ApprovedCommitmentFactory(start_year=year - 2, end_year=year + 1)
    ProgressReportFactory(
        commitment=completed,
        cycle=closed_cycle(year - 1),
        status="accepted",
        implementation_status="completed",
    )
    ApprovedCommitmentFactory(status=Commitment.Status.WITHDRAWN)  # public, but not counted
    CommitmentFactory()  # a draft: not public
    refresh_stored_statuses()  # the factories wrote past the services

    response = client.get("/")
    context = response.context
    page = response.content.decode()

    assert _catalogue_count(client, context["approved_url"]) == context["figures"]["commitments"] == 5
    assert _catalogue_count(client, context["owing_url"]) == context["rate"]["owing"] == 3
    assert _catalogue_count(client, context["reported_url"]) == context["rate"]["reported"] == 2
    for url in ("approved_url", "owing_url", "reported_url"):
        assert f'href="{context[url].replace("&", "&amp;")}"' in page
    # The catalogue says what it counts: the withdrawn one is public too.
    assert "6 public commitments" in client.get("/commitments/").content.decode()


def test_the_constituency_and_region_charts_link_to_approved_commitments_only(client):
    maker = MakerFactory(constituency="youth_led")
    ApprovedCommitmentFactory(maker=maker)
    ApprovedCommitmentFactory(maker=maker, status=Commitment.Status.WITHDRAWN)

    response = client.get("/")

    chart, rows, _heading = response.context["charts"][1]
    youth = next(row for row in rows if row[0] == "Youth-led organisation")
    assert youth[1] == 1
    assert _catalogue_count(client, youth[3]) == 1


def test_no_cycle_yet_shows_a_dash_not_an_error(client):
    ApprovedCommitmentFactory()

    response = client.get("/")

    assert response.status_code == 200
    assert "No reporting cycle has opened yet" in response.content.decode()


def test_charts_count_commitments_by_coalition_constituency_and_region(client):
    arab = MakerFactory(constituency="youth_led", country=Country.objects.get(code="JO"))
    ApprovedCommitmentFactory(
        maker=arab, coalitions=[coalition("gender-based-violence"), coalition("technology-and-innovation")]
    )
    ApprovedCommitmentFactory(coalitions=[coalition("technology-and-innovation")])

    figures = compute_figures()

    by_coalition = {row["code"]: row["commitments"] for row in figures["by_coalition"]}
    assert by_coalition["technology-and-innovation"] == 2
    assert by_coalition["gender-based-violence"] == 1
    by_constituency = {row["code"]: row["commitments"] for row in figures["by_constituency"]}
    assert by_constituency["youth_led"] == 1 and by_constituency["civil_society"] == 1
    by_region = {row["code"]: row["commitments"] for row in figures["by_region"]}
    assert by_region == {
        "africa": 1,
        "americas_caribbean": 0,
        "arab_states": 1,
        "asia_pacific": 0,
        "europe_central_asia": 0,
    }


def test_each_chart_is_inline_svg_with_an_accessible_table_of_the_same_numbers(client):
    ApprovedCommitmentFactory()

    page = client.get("/").content.decode()

    assert page.count("<svg") == 4  # the three charts and the world map
    assert page.count('role="img"') == 3
    assert page.count("<caption>") == 4
    assert '<th scope="col">' in page and '<th scope="row">' in page


def test_bar_lengths_follow_the_values_and_mirror_in_right_to_left():
    chart = bar_chart("c", "Title", [("Big", 10, "10", "/"), ("Half", 5, "5", "/")])
    mirrored = bar_chart("c", "Title", [("Big", 10, "10", "/"), ("Half", 5, "5", "/")], rtl=True)

    assert [bar.width for bar in chart.bars] == ["82.00", "41.00"]
    assert [bar.x for bar in chart.bars] == ["0.00", "0.00"]
    assert [bar.x for bar in mirrored.bars] == ["18.00", "59.00"]


def test_figures_are_cached_so_a_second_visit_runs_fewer_queries(client):
    ApprovedCommitmentFactory()
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")

    assert len(second) < len(first)


def _dashboard_queries(client, how_many):
    cache.clear()
    Commitment.objects.all().delete()
    for _ in range(how_many):
        ApprovedCommitmentFactory(
            coalitions=[coalition("gender-based-violence"), coalition("economic-justice-and-rights")]
        )
    # What a worker does after the change (reporting.summaries): the page only reads.
    summaries.refresh_all()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return len(queries)


def test_dashboard_runs_the_same_number_of_queries_for_5_and_40_commitments(client, open_cycle):
    assert _dashboard_queries(client, 5) == _dashboard_queries(client, 40)


def test_the_dashboard_in_french_groups_amounts_and_writes_percentages_the_french_way(client, open_cycle):
    year = open_cycle.year
    reported = ApprovedCommitmentFactory(
        start_year=year - 1, end_year=year + 1, is_financial=True, financial_amount_usd=Decimal("1250000")
    )
    ProgressReportFactory(commitment=reported, cycle=open_cycle, status="accepted")
    ApprovedCommitmentFactory(start_year=year - 1, end_year=year + 1)
    page = client.get("/fr/").content.decode()

    assert "50\xa0%" in page  # CLDR's French percent: a no-break space before the sign
    assert "50%" not in page
    assert "1\u202f250\u202f000\xa0$US" in page  # a coalition's amount, grouped, the currency after it
