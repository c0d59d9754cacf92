"""The derived reporting status of a commitment (reported, due, overdue,
inactive) and its latest implementation status, as annotated in SQL by
`annotate_reporting_status(Commitment.objects)`; the rules are in the docstring
of `annotate_reporting_status`."""

import datetime

import pytest

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import ProgressReport, ReportingCycle, annotate_reporting_status
from reporting.stored_statuses import refresh_stored_statuses

from .factories import ProgressReportFactory, closed_cycle, open_cycle

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status

# Cycles run from mid-January to the end of March; these days fall inside the
# 2025 cycle and after it closed.
WHILE_2025_IS_OPEN = datetime.date(2025, 2, 1)
AFTER_2025_CLOSED = datetime.date(2025, 6, 1)


def cycle(year):
    return ReportingCycle.objects.create(
        year=year, opens_on=datetime.date(year, 1, 15), closes_on=datetime.date(year, 3, 31)
    )


def approved(published=datetime.date(2022, 6, 1)):
    moment = datetime.datetime.combine(published, datetime.time(12), tzinfo=datetime.UTC)
    return ApprovedCommitmentFactory(published_at=moment)


def report(commitment, cycle, status=Status.SUBMITTED, implementation_status="on_track"):
    return ProgressReportFactory(
        commitment=commitment, cycle=cycle, status=status, implementation_status=implementation_status
    )


def status_on(day, commitment):
    row = annotate_reporting_status(Commitment.objects.filter(pk=commitment.pk), day=day).get()
    return row.reporting_status


def implementation_on(day, commitment):
    row = annotate_reporting_status(Commitment.objects.filter(pk=commitment.pk), day=day).get()
    return row.implementation_status


# No cycles ---------------------------------------------------------------------------


def test_without_any_cycle_there_is_no_reporting_status():
    commitment = approved()

    row = annotate_reporting_status(Commitment.objects).get(pk=commitment.pk)

    assert row.reporting_status is None
    assert row.implementation_status is None


def test_a_cycle_that_has_not_opened_yet_does_not_count():
    cycle(2026)
    commitment = approved()

    assert status_on(AFTER_2025_CLOSED, commitment) is None


# While a cycle is open ----------------------------------------------------------------


def test_an_accepted_report_in_the_open_cycle_is_reported():
    cycle(2024)
    current = cycle(2025)
    commitment = approved()
    report(commitment, current, status=Status.ACCEPTED)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "reported"


def test_a_submitted_report_in_the_open_cycle_is_awaiting_review_not_reported():
    cycle(2024)
    current = cycle(2025)
    commitment = approved()
    report(commitment, current, status=Status.SUBMITTED)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "awaiting_review"


@pytest.mark.parametrize("not_counted", [Status.DRAFT, Status.RETURNED])
def test_a_draft_or_returned_report_in_the_open_cycle_leaves_it_due(not_counted):
    previous, current = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, previous)
    report(commitment, current, status=not_counted)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "due"


def test_the_open_cycle_without_a_report_is_due():
    previous, _current = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, previous)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "due"


def test_a_missed_last_cycle_is_overdue_even_while_the_next_one_is_open():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2024, 2, 1))

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "overdue"


def test_a_commitment_published_after_the_last_cycle_closed_is_only_due():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2024, 9, 1))

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "due"


def test_reporting_in_the_open_cycle_clears_a_missed_last_cycle():
    cycle(2024)
    open_2025 = cycle(2025)
    commitment = approved(published=datetime.date(2024, 2, 1))
    report(commitment, open_2025, status=Status.ACCEPTED)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "reported"


def test_the_only_cycle_open_and_unreported_is_due():
    cycle(2025)
    commitment = approved()

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "due"


def test_no_report_in_the_open_cycle_nor_the_one_before_is_inactive():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2023, 5, 1))

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "inactive"


# Between cycles -------------------------------------------------------------------------


@pytest.mark.parametrize(("filed", "expected"), [(Status.SUBMITTED, "awaiting_review"), (Status.ACCEPTED, "reported")])
def test_a_report_in_the_last_closed_cycle_is_reported_once_accepted(filed, expected):
    cycle(2024)
    last = cycle(2025)
    commitment = approved()
    report(commitment, last, status=filed)

    assert status_on(AFTER_2025_CLOSED, commitment) == expected


def test_the_last_closed_cycle_without_a_report_is_overdue():
    previous, _last = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, previous)

    assert status_on(AFTER_2025_CLOSED, commitment) == "overdue"


def test_a_draft_left_in_the_last_closed_cycle_is_overdue():
    previous, last = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, previous, status=Status.ACCEPTED)
    report(commitment, last, status=Status.DRAFT)

    assert status_on(AFTER_2025_CLOSED, commitment) == "overdue"


def test_the_only_cycle_closed_and_unreported_is_overdue():
    cycle(2025)
    commitment = approved()

    assert status_on(AFTER_2025_CLOSED, commitment) == "overdue"


def test_no_report_in_the_last_two_closed_cycles_is_inactive():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2023, 12, 1))
    report(commitment, cycle(2023))

    assert status_on(AFTER_2025_CLOSED, commitment) == "inactive"


def test_a_commitment_published_after_the_older_cycle_opened_is_overdue_not_inactive():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2024, 1, 20))

    assert status_on(AFTER_2025_CLOSED, commitment) == "overdue"


def test_a_commitment_published_on_the_day_the_older_cycle_opened_is_not_inactive():
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2024, 1, 15))

    assert status_on(AFTER_2025_CLOSED, commitment) == "overdue"


def test_only_the_last_two_cycles_decide_inactivity():
    for year in (2021, 2022, 2023):
        cycle(year)
    cycle(2024)
    cycle(2025)
    commitment = approved(published=datetime.date(2021, 6, 1))
    for year in (2021, 2022, 2023):
        report(commitment, ReportingCycle.objects.get(year=year), status=Status.ACCEPTED)

    assert status_on(AFTER_2025_CLOSED, commitment) == "inactive"


# Ended and completed ----------------------------------------------------------------------


def test_a_commitment_whose_end_year_is_before_the_open_cycle_has_ended():
    cycle(2024)
    cycle(2025)
    commitment = approved()
    commitment.end_year = 2023
    commitment.save()

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "ended"


def test_a_commitment_ending_in_the_open_cycles_year_is_still_due():
    cycle(2024)
    open_2025 = cycle(2025)
    commitment = ApprovedCommitmentFactory(
        published_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC), end_year=2025
    )
    report(commitment, ReportingCycle.objects.get(year=2024), status=Status.ACCEPTED)
    assert open_2025.year == commitment.end_year

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "due"


def test_an_ended_commitment_is_not_overdue_after_the_last_cycle_closed():
    cycle(2024)
    commitment = ApprovedCommitmentFactory(
        published_at=datetime.datetime(2022, 6, 1, tzinfo=datetime.UTC), end_year=2023
    )

    assert status_on(datetime.date(2024, 6, 1), commitment) == "ended"


def test_a_commitment_that_missed_the_report_of_its_last_year_stays_overdue():
    cycle(2024)
    cycle(2025)
    commitment = ApprovedCommitmentFactory(
        published_at=datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC), end_year=2024
    )

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "overdue"


def test_a_commitment_that_filed_the_report_of_its_last_year_has_ended():
    last_2024 = cycle(2024)
    cycle(2025)
    commitment = ApprovedCommitmentFactory(
        published_at=datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC), end_year=2024
    )
    report(commitment, last_2024, status=Status.ACCEPTED)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "ended"


@pytest.mark.parametrize("final", ["completed", "discontinued"])
def test_an_accepted_report_saying_completed_or_discontinued_ends_the_reporting(final):
    last_2024 = cycle(2024)
    cycle(2025)
    commitment = approved()
    report(commitment, last_2024, status=Status.ACCEPTED, implementation_status=final)

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "completed"


def test_a_completed_report_still_awaiting_review_does_not_end_the_reporting():
    cycle(2024)
    open_2025 = cycle(2025)
    commitment = approved(published=datetime.date(2024, 9, 1))
    report(commitment, open_2025, status=Status.SUBMITTED, implementation_status="completed")

    assert status_on(WHILE_2025_IS_OPEN, commitment) == "awaiting_review"


def test_only_the_latest_accepted_report_decides_completion():
    older, last = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, older, status=Status.ACCEPTED, implementation_status="completed")
    report(commitment, last, status=Status.ACCEPTED, implementation_status="on_track")

    assert status_on(AFTER_2025_CLOSED, commitment) == "reported"


def test_the_catalogue_filter_finds_ended_and_completed_commitments():
    from reporting.filters import CommitmentFilterSet

    previous = closed_cycle(2024)
    open_cycle()
    ended = ApprovedCommitmentFactory(start_year=2019, end_year=2020)
    completed = approved()
    report(completed, previous, status=Status.ACCEPTED, implementation_status="completed")
    approved()  # due
    refresh_stored_statuses()  # the factories wrote past the services

    def found(state):
        filterset = CommitmentFilterSet({"reporting_status": [state]}, queryset=Commitment.objects.all())
        return {row.pk for row in filterset.qs}

    assert found("ended") == {ended.pk}
    assert found("completed") == {completed.pk}


# Latest implementation status ------------------------------------------------------------


def test_the_latest_counted_report_gives_the_implementation_status():
    older, last = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, older, status=Status.ACCEPTED, implementation_status="off_track")
    report(commitment, last, status=Status.SUBMITTED, implementation_status="completed")

    assert implementation_on(AFTER_2025_CLOSED, commitment) == "completed"


@pytest.mark.parametrize("not_counted", [Status.DRAFT, Status.RETURNED])
def test_a_draft_or_returned_report_does_not_change_the_implementation_status(not_counted):
    older, last = cycle(2024), cycle(2025)
    commitment = approved()
    report(commitment, older, status=Status.ACCEPTED, implementation_status="on_track")
    report(commitment, last, status=not_counted, implementation_status="discontinued")

    assert implementation_on(AFTER_2025_CLOSED, commitment) == "on_track"


def test_without_a_counted_report_there_is_no_implementation_status():
    last = cycle(2025)
    commitment = approved()
    report(commitment, last, status=Status.DRAFT)

    assert implementation_on(AFTER_2025_CLOSED, commitment) is None


# Through the manager, today -----------------------------------------------------------------


def test_the_manager_annotates_each_commitment_as_of_today():
    closed_cycle(2023)
    current = open_cycle()
    reported, due = approved(), approved(published=datetime.date(2024, 6, 1))
    report(reported, current, status=Status.ACCEPTED, implementation_status="on_track")

    rows = {row.pk: row for row in annotate_reporting_status(Commitment.objects)}

    assert (rows[reported.pk].reporting_status, rows[reported.pk].implementation_status) == ("reported", "on_track")
    assert (rows[due.pk].reporting_status, rows[due.pk].implementation_status) == ("due", None)


@pytest.mark.parametrize("rows", [5, 40])
def test_reporting_status_costs_one_query_for_the_cycles_and_one_for_the_rows(rows, django_assert_num_queries):
    cycle(2023)
    cycle(2024)
    current = open_cycle()
    for commitment in ApprovedCommitmentFactory.create_batch(rows):
        report(commitment, current, status=Status.ACCEPTED)

    with django_assert_num_queries(2):
        annotated = list(annotate_reporting_status(Commitment.objects))

    assert len(annotated) == rows
    assert {row.reporting_status for row in annotated} == {"reported"}


def test_reporting_status_without_cycles_costs_one_query_for_the_cycles_and_one_for_the_rows(
    django_assert_num_queries,
):
    ApprovedCommitmentFactory.create_batch(3)

    with django_assert_num_queries(2):
        annotated = list(annotate_reporting_status(Commitment.objects))

    assert [row.reporting_status for row in annotated] == [None, None, None]
