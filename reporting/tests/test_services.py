"""The progress-report workflow, through its services: who may file, edit,
submit and decide on a report, in which states and cycles, and what each
step leaves behind."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from commitments.models import Commitment, ReviewEvent
from commitments.services import InvalidTransition, NotPermitted
from commitments.tests.actors import (
    anonymous,
    inactive_member,
    inactive_reviewer,
    member_of_another_maker,
    member_of_the_maker,
    nobody,
    non_member,
    reviewer_who_is_not_a_member,
    staff_without_review_permission,
)
from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MembershipFactory,
    UserFactory,
)
from reporting import services
from reporting.models import ProgressReport, ReportingCycle

from .factories import ProgressReportFactory, closed_cycle

Status = ProgressReport.Status
Action = ReviewEvent.Action

pytestmark = pytest.mark.django_db


def report_data(**overrides):
    data = {
        "implementation_status": "on_track",
        "narrative": "Three shelters opened and 40 counsellors trained.",
        "amount_disbursed_usd": Decimal("125000.50"),
        "people_reached": 5400,
        "challenges": ["funding", "security"],
        "next_steps": "Open a fourth shelter in the north.",
        "evidence_url": "https://example.org/annual-report.pdf",
    }
    data.update(overrides)
    return data


def future_cycle():
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        year=today.year + 1,
        opens_on=today + datetime.timedelta(days=200),
        closes_on=today + datetime.timedelta(days=260),
    )


def report_in(status, maker, cycle):
    fields = {}
    if status != Status.DRAFT:
        fields["submitted_at"] = timezone.now() - datetime.timedelta(days=3)
    commitment = ApprovedCommitmentFactory(maker=maker)
    return ProgressReportFactory(commitment=commitment, cycle=cycle, status=status, **fields)


def snapshot(report):
    return {
        "row": ProgressReport.objects.filter(pk=report.pk)
        .values("status", "narrative", "submitted_at", "updated_at", "implementation_status")
        .first(),
        "events": ReviewEvent.objects.count(),
        "reports": ProgressReport.objects.count(),
    }


def only_event(report):
    events = list(ReviewEvent.objects.filter(progress_report=report))
    assert len(events) == 1, events
    assert ReviewEvent.objects.count() == 1
    return events[0]


# Creating a report -------------------------------------------------------------------


def test_member_starts_a_draft_report_on_an_approved_commitment_in_the_open_cycle(member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    report = services.report_create(actor=member, commitment=commitment, cycle=open_cycle, data=report_data())

    report.refresh_from_db()
    assert (report.commitment, report.cycle, report.status) == (commitment, open_cycle, Status.DRAFT)
    assert report.amount_disbursed_usd == Decimal("125000.50")
    assert report.challenges == ["funding", "security"]
    assert report.submitted_at is None


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_progress_is_reported_on_approved_commitments_only(status, member, open_cycle):
    commitment = CommitmentFactory(maker=member.maker, status=status)

    with pytest.raises(InvalidTransition):
        services.report_create(actor=member, commitment=commitment, cycle=open_cycle, data=report_data())

    assert not ProgressReport.objects.exists()


def test_progress_is_not_reported_on_an_amendment(member, open_cycle):
    original = ApprovedCommitmentFactory(maker=member.maker)
    amendment = CommitmentFactory(maker=member.maker, amends=original, status=Commitment.Status.SUBMITTED)

    with pytest.raises(InvalidTransition):
        services.report_create(actor=member, commitment=amendment, cycle=open_cycle, data=report_data())

    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("make_cycle", [lambda: closed_cycle(2022), future_cycle], ids=["closed", "not_yet_open"])
def test_a_report_is_started_only_in_an_open_cycle(make_cycle, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    with pytest.raises(InvalidTransition) as refused:
        services.report_create(actor=member, commitment=commitment, cycle=make_cycle(), data=report_data())

    assert "not open" in refused.value.message
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("status", Status.values)
def test_a_commitment_has_one_report_per_cycle(status, member, open_cycle):
    existing = report_in(status, member.maker, open_cycle)

    with pytest.raises(InvalidTransition) as refused:
        services.report_create(actor=member, commitment=existing.commitment, cycle=open_cycle, data=report_data())

    assert "already has a progress report" in refused.value.message
    assert ProgressReport.objects.count() == 1


def test_the_same_commitment_reports_again_in_the_next_cycle(member, open_cycle):
    last_year = report_in(Status.ACCEPTED, member.maker, closed_cycle(open_cycle.year - 1))

    services.report_create(actor=member, commitment=last_year.commitment, cycle=open_cycle, data=report_data())

    assert last_year.commitment.progress_reports.count() == 2


# Illegal transitions -----------------------------------------------------------------


def do_update(report, member, reviewer):
    return services.report_update(actor=member, report=report, data={"narrative": "Rewritten"})


def do_submit(report, member, reviewer):
    return services.report_submit(actor=member, report=report)


def do_accept(report, member, reviewer):
    return services.report_accept(actor=reviewer, report=report)


def do_return(report, member, reviewer):
    return services.report_return(actor=reviewer, report=report, comment="Add the number of people reached.")


OPERATIONS = {"update": do_update, "submit": do_submit, "accept": do_accept, "return": do_return}
LEGAL = {
    "update": {Status.DRAFT, Status.RETURNED},
    "submit": {Status.DRAFT, Status.RETURNED},
    "accept": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
}
ILLEGAL = [(status, name) for status in Status.values for name in OPERATIONS if status not in LEGAL[name]]


@pytest.mark.parametrize(("status", "operation"), ILLEGAL)
def test_illegal_transition_on_a_report_is_refused_and_changes_nothing(status, operation, member, reviewer, open_cycle):
    report = report_in(status, member.maker, open_cycle)
    before = snapshot(report)

    with pytest.raises(InvalidTransition) as refused:
        OPERATIONS[operation](report, member, reviewer)

    assert refused.value.message
    assert snapshot(report) == before


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
@pytest.mark.parametrize("make_cycle", [lambda: closed_cycle(2022), future_cycle], ids=["closed", "not_yet_open"])
def test_a_report_is_submitted_only_while_its_cycle_is_open(make_cycle, status, member):
    report = report_in(status, member.maker, make_cycle())
    before = snapshot(report)

    with pytest.raises(InvalidTransition):
        services.report_submit(actor=member, report=report)

    assert snapshot(report) == before


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
@pytest.mark.parametrize("make_cycle", [lambda: closed_cycle(2022), future_cycle], ids=["closed", "not_yet_open"])
def test_a_report_is_edited_only_while_its_cycle_is_open(make_cycle, status, member):
    report = report_in(status, member.maker, make_cycle())
    before = snapshot(report)

    with pytest.raises(InvalidTransition):
        services.report_update(actor=member, report=report, data={"narrative": "Too late"})

    assert snapshot(report) == before


def test_a_report_is_not_started_on_a_commitment_withdrawn_since_it_was_read(member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    stale = Commitment.objects.get(pk=commitment.pk)
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.WITHDRAWN)

    with pytest.raises(InvalidTransition):
        services.report_create(actor=member, commitment=stale, cycle=open_cycle, data=report_data())

    assert not ProgressReport.objects.exists()


# Permissions -------------------------------------------------------------------------


def commitment_reviewer_only(maker):
    """Staff who may review commitments but not progress reports."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="review_commitment"))
    return user


NOT_MEMBERS = [
    non_member,
    member_of_another_maker,
    staff_without_review_permission,
    reviewer_who_is_not_a_member,
    anonymous,
    nobody,
    inactive_member,
]
NOT_REVIEWERS = [
    non_member,
    member_of_the_maker,
    staff_without_review_permission,
    commitment_reviewer_only,
    anonymous,
    nobody,
    inactive_reviewer,
]


@pytest.mark.parametrize("make_actor", NOT_MEMBERS)
def test_only_members_of_the_maker_start_a_report(make_actor, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    with pytest.raises(NotPermitted):
        services.report_create(
            actor=make_actor(member.maker), commitment=commitment, cycle=open_cycle, data=report_data()
        )

    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("make_actor", NOT_MEMBERS)
@pytest.mark.parametrize(
    "operation",
    [
        lambda actor, report: services.report_update(actor=actor, report=report, data={"narrative": "Hijacked"}),
        lambda actor, report: services.report_submit(actor=actor, report=report),
    ],
    ids=["update", "submit"],
)
def test_only_members_of_the_maker_edit_or_submit_its_report(operation, make_actor, member, open_cycle):
    report = report_in(Status.DRAFT, member.maker, open_cycle)
    before = snapshot(report)

    with pytest.raises(NotPermitted):
        operation(make_actor(member.maker), report)

    assert snapshot(report) == before


@pytest.mark.parametrize("make_actor", NOT_REVIEWERS)
@pytest.mark.parametrize(
    "operation",
    [
        lambda actor, report: services.report_accept(actor=actor, report=report),
        lambda actor, report: services.report_return(actor=actor, report=report, comment="No."),
    ],
    ids=["accept", "return"],
)
def test_only_report_reviewers_decide_on_a_submitted_report(operation, make_actor, member, open_cycle):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)
    before = snapshot(report)

    with pytest.raises(NotPermitted):
        operation(make_actor(member.maker), report)

    assert snapshot(report) == before


# Legal transitions ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_member_edits_a_draft_or_returned_report(status, member, open_cycle):
    report = report_in(status, member.maker, open_cycle)

    services.report_update(
        actor=member, report=report, data={"narrative": "Four shelters now.", "implementation_status": "completed"}
    )

    report.refresh_from_db()
    assert (report.narrative, report.implementation_status, report.status) == (
        "Four shelters now.",
        "completed",
        status,
    )


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_member_submits_a_draft_or_returned_report_in_the_open_cycle(status, member, open_cycle):
    report = report_in(status, member.maker, open_cycle)
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=None)

    services.report_submit(actor=member, report=report)

    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.submitted_at is not None
    event = only_event(report)
    assert (event.commitment, event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        report.commitment,
        Action.REPORT_SUBMITTED,
        status,
        Status.SUBMITTED,
        member,
        "",
    )


def test_a_draft_report_may_wait_for_its_narrative_but_is_not_submitted_without_it(member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    report = services.report_create(
        actor=member, commitment=commitment, cycle=open_cycle, data=report_data(narrative="  ")
    )

    with pytest.raises(ValidationError) as refused:
        services.report_submit(actor=member, report=report)

    assert "narrative" in refused.value.message_dict
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert not ReviewEvent.objects.filter(progress_report=report).exists()


def test_reviewer_accepts_a_submitted_report(member, reviewer, open_cycle):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)

    services.report_accept(actor=reviewer, report=report, comment="Well evidenced.")

    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    event = only_event(report)
    assert (event.commitment, event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        report.commitment,
        Action.REPORT_ACCEPTED,
        Status.SUBMITTED,
        Status.ACCEPTED,
        reviewer,
        "Well evidenced.",
    )


def test_reviewer_accepts_a_report_submitted_before_its_cycle_closed(member, reviewer):
    report = report_in(Status.SUBMITTED, member.maker, closed_cycle(2023))

    services.report_accept(actor=reviewer, report=report)

    report.refresh_from_db()
    assert report.status == Status.ACCEPTED


def test_reviewer_returns_a_submitted_report_with_a_comment(member, reviewer, open_cycle):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)

    services.report_return(actor=reviewer, report=report, comment="  Link the evidence.  ")

    report.refresh_from_db()
    assert report.status == Status.RETURNED
    event = only_event(report)
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        Action.REPORT_RETURNED,
        Status.SUBMITTED,
        Status.RETURNED,
        reviewer,
        "Link the evidence.",
    )


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_returning_a_report_without_a_comment_is_refused_and_changes_nothing(comment, member, reviewer, open_cycle):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)
    before = snapshot(report)

    with pytest.raises(ValidationError) as refused:
        services.report_return(actor=reviewer, report=report, comment=comment)

    assert "comment" in refused.value.message_dict
    assert snapshot(report) == before


def test_a_returned_report_is_fixed_and_submitted_again(member, reviewer, open_cycle):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)

    services.report_return(actor=reviewer, report=report, comment="Link the evidence.")
    services.report_update(actor=member, report=report, data={"evidence_url": "https://example.org/evidence"})
    services.report_submit(actor=member, report=report)
    services.report_accept(actor=reviewer, report=report)

    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert list(report.review_events.values_list("action", flat=True)) == [
        Action.REPORT_RETURNED,
        Action.REPORT_SUBMITTED,
        Action.REPORT_ACCEPTED,
    ]


# Notifications --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decide", "action_label"),
    [
        (lambda reviewer, report: services.report_accept(actor=reviewer, report=report), "Progress report accepted"),
        (
            lambda reviewer, report: services.report_return(actor=reviewer, report=report, comment="Add figures."),
            "Progress report returned",
        ),
    ],
    ids=["accept", "return"],
)
def test_the_decision_on_a_report_is_emailed_to_the_makers_members(
    decide, action_label, member, reviewer, open_cycle, mailoutbox, django_capture_on_commit_callbacks
):
    editor = MembershipFactory(maker=member.maker).user
    outsider = MembershipFactory().user
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)

    with django_capture_on_commit_callbacks(execute=True):
        decide(reviewer, report)

    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([member.email, editor.email])
    assert outsider.email not in recipients
    assert all(message.subject.startswith(action_label) for message in mailoutbox)
    assert all(f"{open_cycle.year} cycle" in message.body for message in mailoutbox)


def test_the_return_email_carries_the_reviewers_comment(
    member, reviewer, open_cycle, mailoutbox, django_capture_on_commit_callbacks
):
    report = report_in(Status.SUBMITTED, member.maker, open_cycle)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(actor=reviewer, report=report, comment="Add the disbursement figures.")

    assert "Add the disbursement figures." in mailoutbox[0].body


def test_submitting_a_report_sends_no_email(member, open_cycle, mailoutbox, django_capture_on_commit_callbacks):
    report = report_in(Status.DRAFT, member.maker, open_cycle)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=member, report=report)

    assert mailoutbox == []


# Validation --------------------------------------------------------------------------------


INVALID_DATA = [
    ("unknown_challenge", {"challenges": ["funding", "weather"]}, "challenges"),
    ("challenges_not_a_list", {"challenges": "funding"}, "challenges"),
    ("negative_amount", {"amount_disbursed_usd": Decimal("-5")}, "amount_disbursed_usd"),
    ("no_implementation_status", {"implementation_status": ""}, "implementation_status"),
    ("unknown_implementation_status", {"implementation_status": "stalled"}, "implementation_status"),
    ("negative_people_reached", {"people_reached": -3}, "people_reached"),
    ("evidence_not_a_link", {"evidence_url": "see attachment"}, "evidence_url"),
    ("unknown_field", {"photos": []}, "photos"),
    ("workflow_field", {"status": "accepted"}, "status"),
    ("cycle_field", {"cycle": None}, "cycle"),
]


@pytest.mark.parametrize(("case", "changes", "field"), INVALID_DATA, ids=[case for case, *_ in INVALID_DATA])
def test_starting_a_report_with_bad_data_names_the_field_and_writes_nothing(case, changes, field, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    with pytest.raises(ValidationError) as refused:
        services.report_create(actor=member, commitment=commitment, cycle=open_cycle, data=report_data(**changes))

    assert field in refused.value.message_dict
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("case", "changes", "field"), INVALID_DATA, ids=[case for case, *_ in INVALID_DATA])
def test_editing_a_report_with_bad_data_names_the_field_and_changes_nothing(case, changes, field, member, open_cycle):
    report = report_in(Status.DRAFT, member.maker, open_cycle)
    before = snapshot(report)

    with pytest.raises(ValidationError) as refused:
        services.report_update(actor=member, report=report, data={"narrative": "Changed too", **changes})

    assert field in refused.value.message_dict
    assert snapshot(report) == before


def test_current_open_cycle_is_the_one_open_today(open_cycle):
    closed_cycle(2022)
    future_cycle()

    assert services.current_open_cycle() == open_cycle


def test_there_is_no_current_cycle_between_cycles():
    closed_cycle(2022)

    assert services.current_open_cycle() is None
