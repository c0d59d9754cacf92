"""Progress reports say where results were achieved, within the places (or
else the countries) of the commitment."""

import pytest
from django.core.exceptions import ValidationError

from commitments.tests.factories import ApprovedCommitmentFactory, MembershipFactory
from reporting import services
from reporting.tests.factories import open_cycle

pytestmark = pytest.mark.django_db

REPORT = {"implementation_status": "on_track", "narrative": "Two shelters opened."}


@pytest.fixture
def commitment():
    commitment = ApprovedCommitmentFactory()
    commitment.places.set(["KE-30", "KE-01"])
    return commitment


def test_a_report_names_where_results_were_achieved(commitment):
    member = MembershipFactory(maker=commitment.maker).user

    report = services.report_create(
        actor=member, commitment=commitment, cycle=open_cycle(), data=REPORT | {"places": ["KE-30"]}
    )

    assert list(report.places.values_list("code", flat=True)) == ["KE-30"]


def test_a_report_cannot_name_a_place_where_the_commitment_does_not_work(commitment):
    member = MembershipFactory(maker=commitment.maker).user

    with pytest.raises(ValidationError) as refused:
        services.report_create(
            actor=member, commitment=commitment, cycle=open_cycle(), data=REPORT | {"places": ["KE-47"]}
        )

    assert "outside it" in refused.value.message_dict["places"][0]
    assert not commitment.progress_reports.exists()


def test_without_places_of_its_own_a_commitment_reports_anywhere_in_its_countries():
    commitment = ApprovedCommitmentFactory()  # in Kenya, no places named
    member = MembershipFactory(maker=commitment.maker).user
    cycle = open_cycle()

    report = services.report_create(actor=member, commitment=commitment, cycle=cycle, data=REPORT)
    services.report_update(actor=member, report=report, data={"places": ["KE-47"]})
    with pytest.raises(ValidationError):
        services.report_update(actor=member, report=report, data={"places": ["TZ-02"]})

    assert list(report.places.values_list("code", flat=True)) == ["KE-47"]
