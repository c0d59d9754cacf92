"""What the database refuses for cycles, progress reports, accountability
reports and reminders, what full_clean() says about the same mistakes, and
the text each model shows."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import AccountabilityReport, ProgressReport, ReminderSent, ReportingCycle

from .factories import ProgressReportFactory, closed_cycle

pytestmark = pytest.mark.django_db


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# Reporting cycles -------------------------------------------------------------------------


@pytest.mark.parametrize("closes_on", [datetime.date(2024, 1, 15), datetime.date(2024, 1, 1)], ids=["same", "before"])
def test_the_database_refuses_a_cycle_that_does_not_close_after_it_opens(closes_on):
    refused_by_database(
        lambda: ReportingCycle.objects.create(year=2024, opens_on=datetime.date(2024, 1, 15), closes_on=closes_on)
    )


@pytest.mark.parametrize("closes_on", [datetime.date(2024, 1, 15), datetime.date(2024, 1, 1)], ids=["same", "before"])
def test_full_clean_names_the_closing_day_of_a_cycle_that_does_not_close_after_it_opens(closes_on):
    cycle = ReportingCycle(year=2024, opens_on=datetime.date(2024, 1, 15), closes_on=closes_on)

    with pytest.raises(ValidationError) as refused:
        cycle.full_clean()

    assert "closes_on" in refused.value.message_dict


@pytest.mark.parametrize("year", [2010, 2101])
def test_the_database_refuses_an_implausible_cycle_year(year):
    refused_by_database(
        lambda: ReportingCycle.objects.create(
            year=year, opens_on=datetime.date(2024, 1, 1), closes_on=datetime.date(2024, 3, 1)
        )
    )


def test_there_is_one_cycle_per_year():
    closed_cycle(2023)

    refused_by_database(lambda: closed_cycle(2023))
    with pytest.raises(ValidationError) as refused:
        ReportingCycle(year=2023, opens_on=datetime.date(2023, 5, 1), closes_on=datetime.date(2023, 6, 1)).full_clean()
    assert "year" in refused.value.message_dict


def test_a_cycle_is_open_on_its_first_and_last_day_and_closed_the_day_after():
    cycle = ReportingCycle(year=2024, opens_on=datetime.date(2024, 1, 15), closes_on=datetime.date(2024, 3, 31))

    assert not cycle.is_open(datetime.date(2024, 1, 14))
    assert not cycle.is_closed(datetime.date(2024, 1, 14))
    assert cycle.is_open(datetime.date(2024, 1, 15))
    assert cycle.is_open(datetime.date(2024, 3, 31))
    assert not cycle.is_closed(datetime.date(2024, 3, 31))
    assert cycle.is_closed(datetime.date(2024, 4, 1))
    assert not cycle.is_open(datetime.date(2024, 4, 1))


# Progress reports --------------------------------------------------------------------------


def test_the_database_refuses_a_second_report_on_a_commitment_in_a_cycle():
    report = ProgressReportFactory()

    refused_by_database(lambda: ProgressReportFactory(commitment=report.commitment, cycle=report.cycle))


def test_full_clean_names_the_cycle_of_a_second_report_on_a_commitment():
    report = ProgressReportFactory()
    second = ProgressReportFactory.build(commitment=report.commitment, cycle=report.cycle)

    with pytest.raises(ValidationError) as refused:
        second.full_clean()

    assert list(refused.value.message_dict) == ["cycle"]


def test_a_report_can_be_saved_again_and_another_cycle_is_free():
    report = ProgressReportFactory()

    report.full_clean()
    ProgressReportFactory.build(commitment=report.commitment, cycle=closed_cycle(2023)).full_clean()


def test_the_database_refuses_a_negative_amount_disbursed():
    report = ProgressReportFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.filter(pk=report.pk).update(amount_disbursed_usd=Decimal("-1"))


def test_full_clean_names_a_negative_amount_disbursed():
    report = ProgressReportFactory.build(
        commitment=ApprovedCommitmentFactory(), cycle=closed_cycle(2023), amount_disbursed_usd=Decimal("-1")
    )

    with pytest.raises(ValidationError) as refused:
        report.full_clean()

    assert "amount_disbursed_usd" in refused.value.message_dict


@pytest.mark.parametrize("challenges", [["funding", "weather"], "funding", [1]])
def test_full_clean_refuses_challenges_outside_the_fixed_list(challenges):
    report = ProgressReportFactory.build(
        commitment=ApprovedCommitmentFactory(), cycle=closed_cycle(2023), challenges=challenges
    )

    with pytest.raises(ValidationError) as refused:
        report.full_clean()

    assert "challenges" in refused.value.message_dict


def test_challenges_read_as_their_labels():
    report = ProgressReportFactory.build(challenges=["funding", "social_norms"])

    assert report.get_challenges_display() == ["Funding", "Social norms"]


# Accountability reports and reminders -------------------------------------------------------


def test_the_database_refuses_two_accountability_reports_with_the_same_version_for_a_cycle():
    cycle = closed_cycle(2023)
    AccountabilityReport.objects.create(cycle=cycle, version=1)

    refused_by_database(lambda: AccountabilityReport.objects.create(cycle=cycle, version=1))
    AccountabilityReport.objects.create(cycle=cycle, version=2)


def test_the_database_refuses_progress_above_100():
    cycle = closed_cycle(2023)

    refused_by_database(lambda: AccountabilityReport.objects.create(cycle=cycle, version=1, progress=101))


def test_full_clean_refuses_progress_above_100():
    with pytest.raises(ValidationError):
        AccountabilityReport(cycle=closed_cycle(2023), version=1, progress=101).full_clean()


def test_a_reminder_goes_out_once_per_commitment_cycle_and_step():
    commitment, cycle = ApprovedCommitmentFactory(), closed_cycle(2023)
    ReminderSent.objects.create(commitment=commitment, cycle=cycle, days_before=7)

    refused_by_database(lambda: ReminderSent.objects.create(commitment=commitment, cycle=cycle, days_before=7))
    ReminderSent.objects.create(commitment=commitment, cycle=cycle, days_before=1)


# Text -----------------------------------------------------------------------------------------


def test_every_reporting_model_reads_well_as_text():
    report = ProgressReportFactory(cycle=closed_cycle(2023))
    reference = report.commitment.reference
    accountability = AccountabilityReport.objects.create(cycle=report.cycle, version=3)
    reminder = ReminderSent.objects.create(commitment=report.commitment, cycle=report.cycle, days_before=7)

    assert str(report.cycle) == "Reporting cycle 2023"
    assert "2023" in str(report) and reference in str(report)
    assert "2023" in str(accountability) and "3" in str(accountability)
    assert "7-day" in str(reminder) and reference in str(reminder) and "2023" in str(reminder)
