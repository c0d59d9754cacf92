"""Country and region accountability reports: the global compile scoped to
one country or region, its request and permission, and that its figures
agree with the global report's row for that country."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from commitments.services import NotPermitted
from commitments.tests.factories import UserFactory
from reporting.compile import compile_figures
from reporting.models import AccountabilityReport, ReportingCycle
from reporting.services import (
    accountability_report_request,
    can_request_country_report,
    country_report_request,
)
from reporting.tests.factories import closed_cycle

from .report_fixture import SNAPSHOT, build_world, make_compiler

pytestmark = pytest.mark.django_db


def rows_of(figures, key):
    return {row["key"]: row for row in next(t for t in figures["tables"] if t["key"] == key)["rows"]}


def test_a_country_report_counts_only_the_commitments_naming_that_country():
    cycle = build_world()

    kenya = compile_figures(cycle, SNAPSHOT, country="KE")

    assert kenya["scope"] == {"country": "KE", "region": ""}
    assert (kenya["totals"]["commitments"], kenya["totals"]["makers"], kenya["totals"]["usd_committed"]) == (
        2,
        1,
        "1000.00",
    )
    # Its country table shows its own row, not Uganda's, which one of its
    # commitments also names.
    assert list(rows_of(kenya, "by_country")) == ["KE"]


def test_a_region_report_counts_a_commitment_naming_two_of_its_countries_once():
    cycle = build_world()

    africa = compile_figures(cycle, SNAPSHOT, region="africa")

    assert africa["totals"]["commitments"] == 2  # c2 names both Kenya and Uganda
    assert set(rows_of(africa, "by_country")) == {"KE", "UG"}


def test_on_seeded_data_each_country_report_agrees_with_the_global_reports_row(tmp_path):
    call_command("seed_demo", size=60, stdout=open(tmp_path / "out.txt", "w"))
    cycle = ReportingCycle.objects.filter(closes_on__lt=SNAPSHOT.date().replace(year=2030)).order_by("-year").first()
    snapshot = cycle.closes_on and AccountabilityReport._meta.get_field("snapshot_at").to_python("2030-01-01T00:00Z")
    world = compile_figures(cycle, snapshot)
    by_country = rows_of(world, "by_country")
    assert len(by_country) >= 3

    for code in list(by_country)[:3] + ["KE"]:
        country = compile_figures(cycle, snapshot, country=code)
        row = by_country[code]
        assert (country["totals"]["makers"], country["totals"]["commitments"], country["totals"]["usd_committed"]) == (
            row["makers"],
            row["commitments"],
            row["usd_committed"],
        ), code
        assert rows_of(country, "by_country")[code] == row


def test_staff_who_compile_reports_may_request_a_countrys_and_versions_count_per_scope():
    cycle = closed_cycle(2024)
    staff = make_compiler()
    accountability_report_request(cycle=cycle, actor=staff)

    first = country_report_request(actor=staff, cycle=cycle, country="KE")
    second = country_report_request(actor=staff, cycle=cycle, country="ke")
    region = country_report_request(actor=staff, cycle=cycle, region="africa")

    assert (first.country_id, first.version, second.version) == ("KE", 1, 2)
    assert (region.region, region.country_id, region.version) == ("africa", None, 1)
    assert AccountabilityReport.objects.worldwide().get().version == 1
    assert first.requested_by == staff


def test_others_may_not_request_a_country_report_and_nothing_is_queued():
    cycle = closed_cycle(2024)
    maker = UserFactory()

    assert not can_request_country_report(maker, "KE")
    with pytest.raises(NotPermitted):
        country_report_request(actor=maker, cycle=cycle, country="KE")
    assert not AccountabilityReport.objects.exists()


@pytest.mark.parametrize(
    "scope, field",
    [({"country": "ZZ"}, "country"), ({"region": "atlantis"}, "region"), ({}, "country")],
)
def test_an_unknown_country_or_region_or_none_is_refused_at_the_field(scope, field):
    with pytest.raises(ValidationError) as refused:
        country_report_request(actor=make_compiler(), cycle=closed_cycle(2024), **scope)

    assert field in refused.value.message_dict
    assert not AccountabilityReport.objects.exists()


def test_the_database_refuses_a_report_scoped_to_both_a_country_and_a_region():
    cycle = closed_cycle(2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountabilityReport.objects.create(cycle=cycle, version=1, country_id="KE", region="africa")


def test_the_daily_schedule_still_compiles_the_global_report_when_a_country_report_exists():
    from jobs import tasks

    cycle = closed_cycle(2024)
    country_report_request(actor=make_compiler(), cycle=cycle, country="KE")

    assert tasks.compile_closed_cycle_reports.apply().get() == [2024]
    assert AccountabilityReport.objects.worldwide().filter(cycle=cycle).exists()
