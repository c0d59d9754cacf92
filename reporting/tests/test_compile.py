"""The figures of the accountability report, against a world whose totals are
worked out by hand in reporting/tests/report_fixture.py."""

import pytest

from reporting.compile import compile_figures

from .report_fixture import ECONOMIC, EXPECTED_TOTALS, GBV, SNAPSHOT, TECH, add_previous_report, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    return compile_figures(build_world(), SNAPSHOT)


def table(figures, key):
    return {row["key"]: row for row in next(t for t in figures["tables"] if t["key"] == key)["rows"]}


def figures_of(row):
    return (row["makers"], row["commitments"], row["usd_committed"])


def test_totals_count_approved_commitments_as_of_the_snapshot(figures):
    assert figures["totals"] == EXPECTED_TOTALS


def test_commitments_by_coalition_count_each_coalition_a_commitment_belongs_to(figures):
    rows = table(figures, "by_coalition")
    assert figures_of(rows[GBV]) == (1, 2, "1000.00")
    assert figures_of(rows[ECONOMIC]) == (2, 2, "3500.50")
    assert figures_of(rows[TECH]) == (1, 1, "0.00")
    assert figures_of(rows["feminist-action-for-climate-justice"]) == (0, 0, "0.00")
    assert len(rows) == 7


def test_commitments_by_action_area(figures):
    rows = table(figures, "by_action_area")
    assert figures_of(rows[f"{GBV}-1"]) == (1, 2, "1000.00")
    assert figures_of(rows[f"{ECONOMIC}-2"]) == (1, 1, "1000.00")
    assert sum(row["commitments"] for row in rows.values()) == 3


def test_commitments_by_constituency_region_and_scope(figures):
    constituency = table(figures, "by_constituency")
    assert figures_of(constituency["civil_society"]) == (1, 2, "1000.00")
    assert figures_of(constituency["member_state"]) == (1, 1, "2500.50")
    assert figures_of(constituency["youth_led"]) == (1, 1, "0.00")
    assert figures_of(constituency["philanthropy"]) == (0, 0, "0.00")
    region = table(figures, "by_region")
    assert figures_of(region["africa"]) == (1, 2, "1000.00")
    assert figures_of(region["europe_central_asia"]) == (1, 1, "2500.50")
    assert figures_of(region["asia_pacific"]) == (1, 1, "0.00")
    assert figures_of(region["arab_states"]) == (0, 0, "0.00")
    scope = table(figures, "by_scope")
    assert figures_of(scope["global"]) == (1, 1, "2500.50")
    assert figures_of(scope["regional"]) == (1, 1, "1000.00")
    assert figures_of(scope["national"]) == (2, 2, "0.00")
    assert figures_of(scope["local"]) == (0, 0, "0.00")


def test_commitments_by_country_list_named_countries_most_first(figures):
    rows = next(t for t in figures["tables"] if t["key"] == "by_country")["rows"]
    assert [(row["key"], *figures_of(row)) for row in rows] == [
        ("KE", 1, 2, "1000.00"),
        ("IN", 1, 1, "0.00"),
        ("UG", 1, 1, "1000.00"),
    ]


def test_commitments_by_type_count_a_commitment_under_each_of_its_types(figures):
    rows = table(figures, "by_type")
    assert figures_of(rows["policy"]) == (1, 1, "1000.00")
    assert figures_of(rows["programme"]) == (1, 1, "0.00")
    assert figures_of(rows["financial"]) == (2, 2, "3500.50")
    assert figures_of(rows["advocacy"]) == (1, 1, "0.00")


def test_reporting_rate_by_coalition_and_constituency(figures):
    coalition = table(figures, "reporting_rate_by_coalition")

    def rate_of(row):
        return (row["active_commitments"], row["reported_commitments"], row["reporting_rate"])

    assert rate_of(coalition[GBV]) == (2, 2, 1.0)
    assert rate_of(coalition[ECONOMIC]) == (1, 1, 1.0)
    assert rate_of(coalition[TECH]) == (1, 0, 0.0)
    assert rate_of(coalition["bodily-autonomy-and-srhr"]) == (0, 0, None)
    constituency = table(figures, "reporting_rate_by_constituency")
    assert rate_of(constituency["civil_society"]) == (2, 2, 1.0)
    assert rate_of(constituency["youth_led"]) == (1, 0, 0.0)
    assert rate_of(constituency["member_state"]) == (0, 0, None)


def test_implementation_status_overall_and_by_coalition(figures):
    overall = table(figures, "implementation_status")
    assert {key: row["reports"] for key, row in overall.items()} == {
        "not_started": 0,
        "on_track": 1,
        "off_track": 1,
        "completed": 1,
        "discontinued": 0,
    }
    assert overall["on_track"]["share"] == 0.3333
    by_coalition = table(figures, "implementation_status_by_coalition")
    assert (by_coalition[GBV]["on_track"], by_coalition[GBV]["off_track"], by_coalition[GBV]["reports"]) == (1, 1, 2)
    assert (
        by_coalition[ECONOMIC]["off_track"],
        by_coalition[ECONOMIC]["completed"],
        by_coalition[ECONOMIC]["reports"],
    ) == (1, 1, 2)
    assert by_coalition[TECH]["reports"] == 0


def test_challenge_frequencies_count_counted_reports_citing_each(figures):
    rows = table(figures, "challenges")
    assert {key: row["reports"] for key, row in rows.items()} == {
        "funding": 2,
        "political_context": 0,
        "capacity": 1,
        "coordination": 0,
        "data": 0,
        "security": 0,
        "social_norms": 0,
        "other": 0,
    }
    assert rows["funding"]["share"] == 0.6667


def test_there_is_no_change_without_a_previous_report(figures):
    assert figures["change"] is None


@pytest.mark.django_db
def test_change_compares_headline_figures_with_the_previous_cycles_report():
    cycle = build_world()
    add_previous_report()
    change = compile_figures(cycle, SNAPSHOT)["change"]
    assert (change["year"], change["version"]) == (2023, 1)
    rows = {row["key"]: row for row in change["table"]["rows"]}
    assert (rows["makers"]["previous"], rows["makers"]["current"], rows["makers"]["change"]) == (2, 3, 1)
    assert rows["usd_committed"]["change"] == "2500.50"
    assert rows["reporting_rate"]["change"] == 0.1667
    assert rows["usd_disbursed"]["change"] == "1395.25"


def test_compiling_runs_a_fixed_number_of_queries(django_assert_max_num_queries):
    # 27 for the commitments' tables, 18 for the measurable ones
    # (test_measure_figures pins those), SET and RESET jit on PostgreSQL.
    cycle = build_world()
    with django_assert_max_num_queries(45):
        compile_figures(cycle, SNAPSHOT)
