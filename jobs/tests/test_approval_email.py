"""The approval email says what happens next: where the commitment is now
public and when its next progress report is due. And the owners of a maker
hear when the secretariat has verified it."""

import datetime

import pytest
from django.utils import timezone

from commitments import services
from commitments.models import Commitment, Constituency
from commitments.tests.factories import CommitmentFactory, MakerFactory, MembershipFactory, ReviewerFactory
from reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://gentrack.example.org"


def approve(commitment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_approve(actor=ReviewerFactory(), commitment=commitment)


def submitted():
    commitment = CommitmentFactory(status=Commitment.Status.SUBMITTED)
    MembershipFactory(maker=commitment.maker)
    return commitment


def test_the_approval_email_links_to_the_public_commitment(mailoutbox, django_capture_on_commit_callbacks):
    commitment = submitted()

    approve(commitment, django_capture_on_commit_callbacks)

    assert f"https://gentrack.example.org/commitments/{commitment.reference}/" in mailoutbox[0].body


def test_the_approval_email_gives_the_deadline_of_the_open_cycle(mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    ReportingCycle.objects.create(
        year=2031, opens_on=today - datetime.timedelta(days=10), closes_on=datetime.date(2031, 3, 31)
    )
    ReportingCycle.objects.create(year=2032, opens_on=datetime.date(2032, 1, 15), closes_on=datetime.date(2032, 3, 31))

    approve(submitted(), django_capture_on_commit_callbacks)

    assert "Next progress report: the 2031 reporting cycle" in mailoutbox[0].body
    assert "due by 31 March 2031" in mailoutbox[0].body


def test_without_an_open_cycle_the_email_gives_the_next_one(mailoutbox, django_capture_on_commit_callbacks):
    ReportingCycle.objects.create(year=2020, opens_on=datetime.date(2020, 1, 15), closes_on=datetime.date(2020, 3, 31))
    ReportingCycle.objects.create(year=2040, opens_on=datetime.date(2040, 1, 15), closes_on=datetime.date(2040, 3, 31))

    approve(submitted(), django_capture_on_commit_callbacks)

    body = mailoutbox[0].body
    assert "the 2040 reporting cycle, open from 15 January 2040, due by 31 March 2040" in body
    assert "2020 reporting cycle" not in body


def test_with_no_cycle_planned_the_email_says_reminders_will_come(mailoutbox, django_capture_on_commit_callbacks):
    approve(submitted(), django_capture_on_commit_callbacks)

    assert "reminders come by email before each cycle closes" in mailoutbox[0].body


def test_a_returned_commitment_email_promises_no_public_link(mailoutbox, django_capture_on_commit_callbacks):
    commitment = submitted()

    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_return(actor=ReviewerFactory(), commitment=commitment, comment="Name the counties.")

    assert "public in the catalogue" not in mailoutbox[0].body


def test_the_owners_are_told_when_the_secretariat_verifies_their_member_state(
    mailoutbox, django_capture_on_commit_callbacks
):
    maker = MakerFactory(
        unverified=True, name="Government of Kenya", acronym="", constituency=Constituency.MEMBER_STATE
    )
    owner = MembershipFactory(maker=maker, role="owner").user
    MembershipFactory(maker=maker, role="editor")

    with django_capture_on_commit_callbacks(execute=True):
        services.maker_verify(actor=ReviewerFactory(), maker=maker)

    assert [message.to for message in mailoutbox] == [[owner.email]]
    assert mailoutbox[0].subject == "Government of Kenya is verified"
    assert "You can now submit its commitments for review." in mailoutbox[0].body
    assert "https://gentrack.example.org/my/" in mailoutbox[0].body
