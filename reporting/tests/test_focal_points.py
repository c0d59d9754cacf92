"""The focal point services: appointing, their scope, the weekly reminder,
and progress reports entered on a maker's behalf."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from coalitions.models import Country, Subdivision
from commitments.models import ReviewEvent
from commitments.services import InvalidTransition, NotPermitted
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory, MembershipFactory, UserFactory
from core.models import OutboxMessage
from reporting import focal_points, services
from reporting.models import FocalReminder, ProgressReport
from reporting.tests.factories import ProgressReportFactory, focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_focalpoint"))
    return user


def places(country, count=2):
    return list(Subdivision.objects.filter(country_id=country, parent__isnull=True).order_by("code")[:count])


# Appointing ------------------------------------------------------------------


def test_the_secretariat_appoints_a_focal_point_for_some_places_of_a_country(secretariat):
    user = UserFactory()
    counties = places("KE")

    appointment = focal_points.focal_point_appoint(
        actor=secretariat, user=user, country=Country.objects.get(code="KE"), places=counties
    )

    assert appointment.appointed_by == secretariat
    assert set(appointment.places.all()) == set(counties)


def test_a_place_of_another_country_is_refused_at_the_places_field(secretariat):
    with pytest.raises(ValidationError) as refused:
        focal_points.focal_point_appoint(
            actor=secretariat, user=UserFactory(), country=Country.objects.get(code="KE"), places=places("TZ", 1)
        )

    assert "not in Kenya" in refused.value.message_dict["places"][0]


def test_a_user_is_focal_point_for_a_country_once(secretariat):
    user = UserFactory()
    kenya = Country.objects.get(code="KE")
    focal_points.focal_point_appoint(actor=secretariat, user=user, country=kenya)

    with pytest.raises(ValidationError) as refused:
        focal_points.focal_point_appoint(actor=secretariat, user=user, country=kenya)

    assert "already a focal point" in refused.value.message_dict["user"][0]


def test_a_focal_point_without_a_name_cannot_be_published(secretariat):
    with pytest.raises(ValidationError) as refused:
        focal_points.focal_point_appoint(
            actor=secretariat, user=UserFactory(), country=Country.objects.get(code="KE"), published=True
        )

    assert "published" in refused.value.message_dict


def test_only_the_secretariat_appoints_focal_points():
    staff_without_permission = UserFactory(is_staff=True)

    with pytest.raises(NotPermitted):
        focal_points.focal_point_appoint(
            actor=staff_without_permission, user=UserFactory(), country=Country.objects.get(code="KE")
        )


# Scope -----------------------------------------------------------------------


def test_the_scope_is_commitments_working_in_the_country_and_those_of_makers_based_there():
    appointment = focal_point("KE")
    working_here = ApprovedCommitmentFactory(maker=MakerFactory(country_id="FR"), countries=["KE"])
    made_here = ApprovedCommitmentFactory(maker=MakerFactory(country_id="KE"), countries=["UG"])
    elsewhere = ApprovedCommitmentFactory(maker=MakerFactory(country_id="FR"), countries=["FR"])

    scope = set(focal_points.scope_commitments(appointment))

    assert {working_here, made_here} <= scope
    assert elsewhere not in scope


def test_a_focal_point_for_some_places_follows_only_commitments_working_there():
    county, other = places("KE")
    appointment = focal_point("KE", places=[county])
    there = ApprovedCommitmentFactory()
    there.places.set([county])
    next_door = ApprovedCommitmentFactory()
    next_door.places.set([other])

    assert list(focal_points.scope_commitments(appointment)) == [there]


# Reminders -------------------------------------------------------------------


def test_a_reminder_goes_to_the_makers_members_through_the_outbox(open_cycle, django_capture_on_commit_callbacks):
    appointment = focal_point("KE")
    commitment = ApprovedCommitmentFactory()
    MembershipFactory(maker=commitment.maker, user__email="owner@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        reminder = focal_points.focal_reminder_send(
            actor=appointment.user, focal_point=appointment, maker=commitment.maker
        )

    assert reminder.commitment_count == 1
    assert OutboxMessage.objects.filter(task_name="reporting.tasks.send_focal_reminder").exists()
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert commitment.reference in mail.outbox[0].body


def test_a_second_reminder_within_the_week_is_refused_saying_when_the_first_went(open_cycle):
    appointment = focal_point("KE")
    commitment = ApprovedCommitmentFactory()
    focal_points.focal_reminder_send(actor=appointment.user, focal_point=appointment, maker=commitment.maker)
    colleague = focal_point("KE", user=UserFactory())

    with pytest.raises(InvalidTransition) as refused:
        focal_points.focal_reminder_send(actor=colleague.user, focal_point=colleague, maker=commitment.maker)

    assert "already sent to this maker on" in refused.value.message
    assert FocalReminder.objects.count() == 1


def test_a_reminder_can_be_sent_again_after_a_week(open_cycle):
    appointment = focal_point("KE")
    commitment = ApprovedCommitmentFactory()
    first = focal_points.focal_reminder_send(actor=appointment.user, focal_point=appointment, maker=commitment.maker)
    FocalReminder.objects.filter(pk=first.pk).update(sent_at=timezone.now() - datetime.timedelta(days=8))

    focal_points.focal_reminder_send(actor=appointment.user, focal_point=appointment, maker=commitment.maker)

    assert FocalReminder.objects.count() == 2


def test_a_maker_with_nothing_due_is_not_reminded(open_cycle):
    appointment = focal_point("KE")
    commitment = ApprovedCommitmentFactory()
    ProgressReportFactory(commitment=commitment, cycle=open_cycle, status=ProgressReport.Status.SUBMITTED)

    with pytest.raises(InvalidTransition):
        focal_points.focal_reminder_send(actor=appointment.user, focal_point=appointment, maker=commitment.maker)


def test_a_focal_point_cannot_remind_a_maker_of_another_country(open_cycle):
    appointment = focal_point("TZ")
    commitment = ApprovedCommitmentFactory()

    with pytest.raises(NotPermitted):
        focal_points.focal_reminder_send(actor=appointment.user, focal_point=appointment, maker=commitment.maker)


# Reports entered on a maker's behalf -----------------------------------------


def test_a_report_entered_by_a_focal_point_is_a_draft_marked_so_and_in_its_history(open_cycle):
    appointment = focal_point("KE")
    commitment = ApprovedCommitmentFactory()

    report, outcome = focal_points.focal_report_enter(
        actor=appointment.user,
        focal_point=appointment,
        commitment=commitment,
        cycle=open_cycle,
        data={"implementation_status": "on_track", "narrative": "Collected on paper in Kisumu."},
    )

    assert outcome == "created"
    assert report.status == ProgressReport.Status.DRAFT
    assert report.entered_by == appointment.user
    event = ReviewEvent.objects.get(progress_report=report)
    assert (event.action, event.actor) == ("report_entered", appointment.user)
    assert report.history.first().history_user == appointment.user


def test_the_makers_members_then_edit_and_submit_it(open_cycle):
    appointment = focal_point("KE")
    membership = MembershipFactory()
    commitment = ApprovedCommitmentFactory(maker=membership.maker)
    report, _outcome = focal_points.focal_report_enter(
        actor=appointment.user,
        focal_point=appointment,
        commitment=commitment,
        cycle=open_cycle,
        data={"implementation_status": "on_track", "narrative": "Entered."},
    )

    services.report_update(actor=membership.user, report=report, data={"narrative": "Checked by us."})
    services.report_submit(actor=membership.user, report=report)

    report.refresh_from_db()
    assert (report.status, report.entered_by) == ("submitted", appointment.user)


def test_a_focal_point_cannot_enter_a_report_for_a_commitment_of_another_country(open_cycle):
    appointment = focal_point("TZ")
    commitment = ApprovedCommitmentFactory()

    with pytest.raises(NotPermitted):
        focal_points.focal_report_enter(
            actor=appointment.user,
            focal_point=appointment,
            commitment=commitment,
            cycle=open_cycle,
            data={"implementation_status": "on_track"},
        )
    assert not ProgressReport.objects.exists()


def test_a_focal_point_does_not_overwrite_a_report_the_maker_started(open_cycle):
    appointment = focal_point("KE")
    report = ProgressReportFactory(cycle=open_cycle)

    with pytest.raises(InvalidTransition):
        focal_points.focal_report_enter(
            actor=appointment.user,
            focal_point=appointment,
            commitment=report.commitment,
            cycle=open_cycle,
            data={"implementation_status": "off_track"},
        )


def test_a_focal_point_for_some_places_enters_results_only_there(open_cycle):
    county, other = places("KE")
    appointment = focal_point("KE", places=[county])
    commitment = ApprovedCommitmentFactory()
    commitment.places.set([county, other])

    with pytest.raises(ValidationError) as refused:
        focal_points.focal_report_enter(
            actor=appointment.user,
            focal_point=appointment,
            commitment=commitment,
            cycle=open_cycle,
            data={"implementation_status": "on_track", "places": [other.pk]},
        )
    assert "places" in refused.value.message_dict
