"""The Django admin as the secretariat uses it: every registered model's pages
answer, every changelist runs the same number of queries for 5 rows as for
40, workflow state is read-only, and the audit trail cannot be edited."""

import datetime
import itertools
import string

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Country, Subdivision, Theme
from commitments import services
from commitments.models import Commitment, Export, ImportJob, JoinRequest, MakerMerge, ReviewEvent
from commitments.tests.factories import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    MakerFactory,
    MembershipFactory,
    UserFactory,
)
from reporting.models import AccountabilityReport, ProgressReport, ReminderSent, ReportingCycle
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
MODEL_IDS = [model._meta.label for model in REGISTERED]

# Queries each changelist runs, as measured with 5 rows on SQLite and
# PostgreSQL; the same number must hold with 40 rows. The first requests
# of a page (session, user) are included. Lower is welcome: lower the pin.
CHANGELIST_QUERIES = {
    "auth.Group": 5,
    "auth.User": 6,
    "authtoken.TokenProxy": 5,
    "axes.AccessAttempt": 8,
    "axes.AccessFailureLog": 8,
    "axes.AccessLog": 8,
    "coalitions.ActionArea": 6,
    "coalitions.ActionCoalition": 5,
    "coalitions.CoalitionLeader": 6,
    "coalitions.Country": 5,
    "coalitions.StandardIndicator": 7,
    "coalitions.Subdivision": 5,
    "coalitions.Theme": 5,
    "commitments.Commitment": 9,
    "commitments.CommitmentMaker": 5,
    "commitments.CommitmentAwaitingReview": 6,
    "commitments.ProgressReportAwaitingReview": 6,
    "commitments.Export": 5,
    "commitments.ImportJob": 5,
    "commitments.JoinRequest": 5,
    "commitments.MakerMerge": 5,
    "commitments.Membership": 5,
    "commitments.ReviewEvent": 7,
    "core.OutboxMessage": 6,
    "reporting.AccountabilityReport": 6,
    "reporting.ProgressReport": 7,
    "reporting.ReminderSent": 7,
    "reporting.FocalPoint": 7,
    "reporting.FocalReminder": 7,
    "reporting.ProgressImportJob": 7,
    "reporting.ReportingCycle": 7,
}


# Rows for every registered model, each with its own related objects so that
# a missing select_related shows as one more query per row --------------------

_counter = itertools.count()


def _n():
    return next(_counter)


def _cycle():
    year = 2015 + _n() % 85
    while ReportingCycle.objects.filter(year=year).exists():
        year = 2015 + _n() % 85
    return ReportingCycle.objects.create(
        year=year, opens_on=datetime.date(year, 1, 15), closes_on=datetime.date(year, 3, 31)
    )


def _country_codes():
    used = set(Country.objects.values_list("code", flat=True))
    for first, second in itertools.product(string.ascii_uppercase, repeat=2):
        if first + second not in used:
            yield first + second


def _coalition():
    number = _n()
    return ActionCoalition.objects.create(
        slug=f"coalition-{number}", name=f"Coalition {number}", short_name=f"C{number}", order=number
    )


def build_group():
    group = Group.objects.create(name=f"Reviewers {_n()}")
    group.permissions.add(Permission.objects.get(codename="review_commitment"))
    return group


def build_token():
    return Token.objects.create(user=UserFactory())


def _access(model, **extra):
    number = _n()
    return model.objects.create(
        user_agent=f"browser {number}",
        ip_address=f"10.0.{number // 250}.{number % 250}",
        username=f"someone{number}",
        http_accept="text/html",
        path_info="/admin/login/",
        **extra,
    )


def build_access_attempt():
    from axes.models import AccessAttempt

    return _access(AccessAttempt, get_data="", post_data="", failures_since_start=_n() % 7)


def build_access_log():
    from axes.models import AccessLog

    return _access(AccessLog)


def build_access_failure_log():
    from axes.models import AccessFailureLog

    return _access(AccessFailureLog, locked_out=False)


def build_action_coalition():
    coalition = _coalition()
    ActionArea.objects.create(coalition=coalition, number=1, title="First area")
    return coalition


def build_action_area():
    return ActionArea.objects.create(coalition=_coalition(), number=1, title=f"Area {_n()}")


def build_theme():
    number = _n()
    return Theme.objects.create(slug=f"theme-{number}", name=f"Theme {number}")


def build_coalition_leader():
    commitment = ApprovedCommitmentFactory()
    return CoalitionLeader.objects.create(
        coalition=commitment.coalitions.get(), maker=commitment.maker, since=2021 + _n() % 5
    )


def build_country():
    return Country.objects.create(code=next(_country_codes()), name=f"Country {_n()}", region="africa")


def build_subdivision():
    return Subdivision.objects.create(code=f"KE-Z{_n()}", country_id="KE", name=f"Place {_n()}", type="County")


def build_maker():
    country = Country.objects.order_by("?").first()
    return MakerFactory(country=country)


def build_join_request():
    return JoinRequest.objects.create(user=UserFactory(), maker=MakerFactory(), message="Let me in")


def build_commitment():
    commitment = CommitmentFactory(coalitions=list(ActionCoalition.objects.order_by("?")[:2]))
    commitment.action_areas.set(ActionArea.objects.filter(coalition__in=commitment.coalitions.all())[:2])
    return commitment


def build_review_event():
    return ReviewEvent.objects.create(commitment=CommitmentFactory(), actor=UserFactory(), action="edited")


def build_maker_merge():
    return MakerMerge.objects.create(
        kept=MakerFactory(), merged_name="Duplicate", merged_id=_n(), actor=UserFactory(), moved={"commitments": 1}
    )


def build_progress_report():
    return ProgressReportFactory(cycle=_cycle())


def build_accountability_report():
    return AccountabilityReport.objects.create(cycle=_cycle(), version=1, requested_by=UserFactory())


def build_reminder():
    return ReminderSent.objects.create(commitment=ApprovedCommitmentFactory(), cycle=_cycle(), days_before=7)


def build_focal_point():
    from reporting.tests.factories import focal_point

    return focal_point("KE", user=UserFactory())


def build_focal_reminder():
    from reporting.models import FocalReminder

    appointment = build_focal_point()
    return FocalReminder.objects.create(focal_point=appointment, maker=MakerFactory(), sent_by=appointment.user)


def build_progress_import():
    from reporting.models import ProgressImportJob

    return ProgressImportJob.objects.create(
        focal_point=build_focal_point(), source="focal-imports/reports.csv", original_name="reports.csv"
    )


def build_commitment_awaiting_review():
    return CommitmentFactory(status=Commitment.Status.SUBMITTED, submitted_at=timezone.now())


def build_report_awaiting_review():
    return ProgressReportFactory(cycle=_cycle(), status=ProgressReport.Status.SUBMITTED, submitted_at=timezone.now())


def build_export():
    return Export.objects.create(kind="commitments", format="csv", requested_by=UserFactory())


def build_import_job():
    return ImportJob.objects.create(source="imports/commitments.csv", original_name="commitments.csv")


def build_outbox_message():
    from core.models import OutboxMessage

    number = _n()
    return OutboxMessage.objects.create(
        task_name="commitments.tasks.send_review_notification",
        args=[number],
        next_attempt_at=timezone.now(),
        attempts=number % 3,
        last_error="OperationalError: connection refused" if number % 2 else "",
    )


def build_standard_indicator():
    from coalitions.models import StandardIndicator

    number = _n()
    return StandardIndicator.objects.create(code=f"standard-{number}", name=f"Standard {number}", unit="people")


BUILDERS = {
    "core.OutboxMessage": build_outbox_message,
    "commitments.CommitmentAwaitingReview": build_commitment_awaiting_review,
    "commitments.ProgressReportAwaitingReview": build_report_awaiting_review,
    "commitments.Export": build_export,
    "commitments.ImportJob": build_import_job,
    "auth.Group": build_group,
    "auth.User": UserFactory,
    "authtoken.TokenProxy": build_token,
    "axes.AccessAttempt": build_access_attempt,
    "axes.AccessLog": build_access_log,
    "axes.AccessFailureLog": build_access_failure_log,
    "coalitions.ActionCoalition": build_action_coalition,
    "coalitions.ActionArea": build_action_area,
    "coalitions.Theme": build_theme,
    "coalitions.CoalitionLeader": build_coalition_leader,
    "coalitions.Country": build_country,
    "coalitions.Subdivision": build_subdivision,
    "coalitions.StandardIndicator": build_standard_indicator,
    "commitments.CommitmentMaker": build_maker,
    "commitments.Membership": MembershipFactory,
    "commitments.JoinRequest": build_join_request,
    "commitments.Commitment": build_commitment,
    "commitments.ReviewEvent": build_review_event,
    "commitments.MakerMerge": build_maker_merge,
    "reporting.ReportingCycle": _cycle,
    "reporting.ProgressReport": build_progress_report,
    "reporting.AccountabilityReport": build_accountability_report,
    "reporting.ReminderSent": build_reminder,
    "reporting.FocalPoint": build_focal_point,
    "reporting.FocalReminder": build_focal_reminder,
    "reporting.ProgressImportJob": build_progress_import,
}

# Reference data the migration loaded: cleared before counting rows, so that
# "5 rows" means five.
PRELOADED = {
    "coalitions.ActionCoalition": lambda: (ActionArea.objects.all().delete(), ActionCoalition.objects.all().delete()),
    "coalitions.ActionArea": lambda: ActionArea.objects.all().delete(),
    "coalitions.Theme": lambda: Theme.objects.all().delete(),
    "coalitions.Country": lambda: Country.objects.all().delete(),
    "coalitions.Subdivision": lambda: Subdivision.objects.all().delete(),
    "coalitions.StandardIndicator": lambda: (
        __import__("coalitions.models").models.StandardIndicator.objects.all().delete()
    ),
}


def build(label, count):
    return [BUILDERS[label]() for _ in range(count)]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_has_a_builder_and_a_pinned_query_count():
    assert set(MODEL_IDS) == set(BUILDERS)
    assert set(MODEL_IDS) == set(CHANGELIST_QUERIES)


# Pages answer --------------------------------------------------------------------------


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_every_changelist_answers_with_its_rows(model, admin_client):
    build(model._meta.label, 2)

    response = admin_client.get(url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 2


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_every_changelist_search_answers(model, admin_client):
    build(model._meta.label, 1)

    response = admin_client.get(url(model, "changelist"), {"q": "a"})

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_every_change_page_answers(model, admin_client):
    obj = build(model._meta.label, 1)[0]
    # The token admin addresses a token by its user's id.
    object_id = obj.user_id if model._meta.label == "authtoken.TokenProxy" else obj.pk

    response = admin_client.get(url(model, "change", object_id), follow=True)

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_every_add_page_answers_where_adding_is_allowed(model, admin_client, rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    allowed = admin.site._registry[model].has_add_permission(request)

    response = admin_client.get(url(model, "add"))

    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    "model", [model for model in REGISTERED if hasattr(model, "history")], ids=lambda model: model._meta.label
)
def test_every_history_page_answers(model, admin_client):
    obj = build(model._meta.label, 1)[0]

    # A review queue sends its rows to the item's own pages.
    response = admin_client.get(url(model, "history", obj.pk), follow=True)

    assert response.status_code == 200
    assert "history" in response.request["PATH_INFO"]


# Query counts -----------------------------------------------------------------------------


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


@pytest.mark.parametrize("model", REGISTERED, ids=MODEL_IDS)
def test_every_changelist_runs_as_many_queries_for_40_rows_as_for_5(model, admin_client):
    label = model._meta.label
    PRELOADED.get(label, lambda: None)()
    before = model._default_manager.count()
    build(label, 5)
    few, shown = changelist_queries(admin_client, model)
    assert shown == before + 5

    build(label, 35)
    many, shown = changelist_queries(admin_client, model)
    assert shown == before + 40

    assert many == few, f"{label}: {few} queries for 5 rows, {many} for 40"
    assert few <= CHANGELIST_QUERIES[label], f"{label}: {few} queries, pinned at {CHANGELIST_QUERIES[label]}"


def test_the_commitment_changelist_pins_its_query_count(admin_client, django_assert_max_num_queries):
    for _ in range(40):
        build_commitment()

    with django_assert_max_num_queries(CHANGELIST_QUERIES["commitments.Commitment"]):
        response = admin_client.get(url(Commitment, "changelist"))

    assert response.context["cl"].result_count == 40


def test_the_progress_report_changelist_pins_its_query_count(admin_client, django_assert_max_num_queries):
    for _ in range(40):
        build_progress_report()

    with django_assert_max_num_queries(CHANGELIST_QUERIES["reporting.ProgressReport"]):
        response = admin_client.get(url(ProgressReport, "changelist"))

    assert response.context["cl"].result_count == 40


# Workflow state and the audit trail ----------------------------------------------------------


def commitment_with_timeline(events):
    """An approved commitment with `events` review events, every other one
    about a progress report in its own cycle, each by its own actor."""
    commitment = ApprovedCommitmentFactory()
    for number in range(events):
        report = ProgressReportFactory(commitment=commitment, cycle=_cycle()) if number % 2 else None
        ReviewEvent.objects.create(
            commitment=commitment, progress_report=report, actor=UserFactory(), action="commented", comment="Noted."
        )
    return commitment


def test_the_commitment_change_page_runs_as_many_queries_for_a_long_timeline_as_for_a_short_one(admin_client):
    short, long = commitment_with_timeline(4), commitment_with_timeline(30)
    # Warm the per-process caches (content types, permissions) first, so
    # both pages are measured alike.
    admin_client.get(url(Commitment, "change", short.pk))

    counts = []
    for commitment in (short, long):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url(Commitment, "change", commitment.pk))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], f"{counts[0]} queries for 4 events, {counts[1]} for 30"


def test_the_commitment_change_page_shows_its_review_timeline(admin_client, member, reviewer):
    commitment = CommitmentFactory(maker=member.maker)
    services.commitment_submit(actor=member, commitment=commitment)
    services.commitment_return(actor=reviewer, commitment=commitment, comment="Name the three counties.")

    response = admin_client.get(url(Commitment, "change", commitment.pk))

    content = response.content.decode()
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert inline.opts.model is ReviewEvent
    assert len(inline.formset.forms) == 2
    assert "Submitted for review" in content
    assert "Returned with comments" in content
    assert "Name the three counties." in content
    assert reviewer.username in content


def test_the_review_timeline_inline_cannot_add_change_or_delete_events(admin_client, member):
    commitment = CommitmentFactory(maker=member.maker)
    services.commitment_submit(actor=member, commitment=commitment)

    response = admin_client.get(url(Commitment, "change", commitment.pk))

    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission
    assert not inline.has_change_permission
    assert not inline.formset.can_delete
    assert 'name="review_events-0-DELETE"' not in response.content.decode()


def test_status_is_read_only_on_the_commitment_change_page(admin_client):
    commitment = CommitmentFactory(status=Commitment.Status.SUBMITTED, submitted_at=timezone.now())

    response = admin_client.get(url(Commitment, "change", commitment.pk))

    assert "status" not in response.context["adminform"].form.fields
    assert 'name="status"' not in response.content.decode()
    assert "Submitted" in response.content.decode()


def test_status_is_read_only_on_the_progress_report_change_page(admin_client):
    report = ProgressReportFactory(cycle=_cycle(), status=ProgressReport.Status.SUBMITTED)

    response = admin_client.get(url(ProgressReport, "change", report.pk))

    assert "status" not in response.context["adminform"].form.fields
    assert 'name="status"' not in response.content.decode()


def test_posting_a_status_to_the_progress_report_admin_does_not_change_it(admin_client):
    report = ProgressReportFactory(cycle=_cycle(), status=ProgressReport.Status.SUBMITTED)
    page = admin_client.get(url(ProgressReport, "change", report.pk))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    for inline in page.context["inline_admin_formsets"]:  # e.g. the read-only timeline
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
    data.update(challenges='["funding"]', status="accepted")

    response = admin_client.post(url(ProgressReport, "change", report.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


def test_the_review_event_admin_refuses_to_add_events(admin_client):
    response = admin_client.get(url(ReviewEvent, "add"))

    assert response.status_code == 403


def test_the_review_event_admin_shows_an_event_without_a_form_to_change_it(admin_client):
    event = build_review_event()

    response = admin_client.get(url(ReviewEvent, "change", event.pk))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert b'name="_save"' not in response.content


def test_the_review_event_admin_refuses_to_change_an_event(admin_client):
    event = build_review_event()

    response = admin_client.post(url(ReviewEvent, "change", event.pk), {"action": "approved", "comment": "Forged"})

    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.action, event.comment) == ("edited", "")


def test_the_review_event_admin_refuses_to_delete_an_event(admin_client):
    event = build_review_event()

    assert admin_client.get(url(ReviewEvent, "delete", event.pk)).status_code == 403
    assert admin_client.post(url(ReviewEvent, "delete", event.pk), {"post": "yes"}).status_code == 403
    response = admin_client.post(
        url(ReviewEvent, "changelist"), {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert ReviewEvent.objects.filter(pk=event.pk).exists()
