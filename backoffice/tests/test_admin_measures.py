"""The admin of measurable commitments: the standard indicator catalogue
(Secretariat admins edit it; reviewers read it), read-only inlines of
measures and results, SMART and progress columns in the queues, and the
secretariat's assessment recorded when accepting a report."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coalitions.models import ActionArea, StandardIndicator
from commitments.models import Commitment, Deliverable, Indicator
from commitments.tests import admin_fixtures
from commitments.tests.factories import MembershipFactory
from reporting.models import IndicatorResult, ProgressReport, ResultBreakdown
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db
secretariat_reviewer = admin_fixtures.secretariat_reviewer
secretariat_admin = admin_fixtures.secretariat_admin

STANDARDS = reverse("admin:coalitions_standardindicator_changelist")
COMMITMENT_QUEUE = reverse("admin:commitments_commitmentawaitingreview_changelist")
REPORT_QUEUE = reverse("admin:commitments_progressreportawaitingreview_changelist")


def indicator_on(commitment, name="Survivors sheltered"):
    return Indicator.objects.create(
        commitment=commitment,
        name=name,
        unit="people",
        baseline_value=0,
        baseline_year=2022,
        target_value=100,
        target_year=2026,
    )


def submitted_report(cycle, **kwargs):
    report = ProgressReportFactory(
        cycle=cycle, status=ProgressReport.Status.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    MembershipFactory(maker=report.commitment.maker)
    return report


def test_a_secretariat_admin_adds_a_standard_indicator_and_filters_the_catalogue(client, secretariat_admin):
    client.force_login(secretariat_admin)
    area = ActionArea.objects.first()
    response = client.post(
        reverse("admin:coalitions_standardindicator_add"),
        {
            "code": "shelters-opened",
            # One field per language (django-modeltranslation); French too.
            "name_en": "Shelters opened",
            "name_fr": "Refuges ouverts",
            "description_en": "",
            "unit": "count",
            "action_areas": [area.pk],
            "order": 50,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content
    created = StandardIndicator.objects.get(code="shelters-opened")
    assert created.action_areas.get() == area
    assert (created.name, created.name_fr) == ("Shelters opened", "Refuges ouverts")
    listed = client.get(STANDARDS, {"unit__exact": "count", "active__exact": "1"}).content.decode()
    assert "Shelters opened" in listed
    assert "Shelters opened" not in client.get(STANDARDS, {"unit__exact": "people"}).content.decode()


def test_a_reviewer_reads_the_catalogue_but_cannot_change_it(client, secretariat_reviewer):
    client.force_login(secretariat_reviewer)
    standard = StandardIndicator.objects.first()
    assert client.get(STANDARDS).status_code == 200
    assert client.get(reverse("admin:coalitions_standardindicator_add")).status_code == 403
    response = client.post(
        reverse("admin:coalitions_standardindicator_change", args=[standard.pk]), {"name": "Renamed"}
    )
    assert response.status_code == 403
    standard.refresh_from_db()
    assert standard.name != "Renamed"


def test_the_commitment_page_shows_its_deliverables_and_indicators_read_only(client, secretariat_reviewer):
    commitment = admin_fixtures.submitted_commitment()
    indicator_on(commitment)
    Deliverable.objects.create(commitment=commitment, title="Hotline opened", due_year=2024)
    client.force_login(secretariat_reviewer)
    html = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk])).content.decode()
    assert "Survivors sheltered" in html and "Hotline opened" in html
    assert 'name="indicators-0-name"' not in html  # not editable here


def test_the_report_page_shows_results_with_their_breakdown(client, secretariat_reviewer, open_cycle):
    report = submitted_report(open_cycle)
    result = IndicatorResult.objects.create(report=report, indicator=indicator_on(report.commitment), value=40)
    ResultBreakdown.objects.create(result=result, dimension="sex", category="female", value=30)
    ResultBreakdown.objects.create(result=result, dimension="sex", category="male", value=10)
    client.force_login(secretariat_reviewer)
    html = client.get(reverse("admin:reporting_progressreport_change", args=[report.pk])).content.decode()
    assert "Survivors sheltered" in html and "women and girls: 30" in html


def test_the_queues_show_smart_and_progress_and_sort_by_smart(client, secretariat_reviewer, open_cycle):
    low = admin_fixtures.submitted_commitment()
    high = admin_fixtures.submitted_commitment()
    Commitment.objects.filter(pk=high.pk).update(smart_score=4, progress=35)
    client.force_login(secretariat_reviewer)
    page = client.get(COMMITMENT_QUEUE)
    html = page.content.decode()
    # The commitment queue weighs the SMART score (a submission has no
    # results yet); the report queue shows progress.
    assert "SMART" in html
    column = page.context["cl"].list_display.index("smart")
    ordered = client.get(COMMITMENT_QUEUE, {"o": f"-{column}"}).context["cl"].result_list
    assert [c.pk for c in ordered][:2] == [high.pk, low.pk]
    submitted_report(open_cycle)
    assert "Progress (%)" in client.get(REPORT_QUEUE).content.decode()


def _queue_queries(client, cycle, how_many):
    ProgressReport.objects.all().delete()
    for _ in range(how_many):
        submitted_report(cycle)
    with CaptureQueriesContext(connection) as queries:
        client.get(REPORT_QUEUE)
    return len(queries)


def test_the_report_queue_with_its_new_columns_runs_constant_queries(client, secretariat_reviewer, open_cycle):
    client.force_login(secretariat_reviewer)
    assert _queue_queries(client, open_cycle, 2) == _queue_queries(client, open_cycle, 8)


def test_accepting_a_report_records_the_secretariats_assessment(client, secretariat_reviewer, open_cycle):
    report = submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)
    decide = reverse("admin:reporting_progressreport_decide", args=[report.pk])
    form = client.get(reverse("admin:reporting_progressreport_change", args=[report.pk])).content.decode()
    assert 'name="assessment" value="partly_verified"' in form
    data = {"decision": "approve", "assessment": "partly_verified", "assessment_comment": "Two of three sites seen."}
    confirm = client.post(decide, data).content.decode()
    assert 'name="assessment" value="partly_verified"' in confirm  # carried through the confirmation
    client.post(decide, {**data, "confirm": "yes"})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert (report.assessment, report.assessment_comment) == ("partly_verified", "Two of three sites seen.")
    assert report.assessed_by == secretariat_reviewer


def test_accepting_several_reports_at_once_records_one_assessment_on_each(client, secretariat_reviewer, open_cycle):
    reports = [submitted_report(open_cycle) for _ in range(2)]
    client.force_login(secretariat_reviewer)
    selected = {"action": "approve_selected", "_selected_action": [report.pk for report in reports]}
    confirm = client.post(REPORT_QUEUE, selected).content.decode()
    assert 'name="assessment" value="verified"' in confirm  # asked on the confirmation page
    client.post(
        REPORT_QUEUE, {**selected, "confirm": "yes", "assessment": "verified", "assessment_comment": "Site visits."}
    )
    for report in reports:
        report.refresh_from_db()
        assert (report.status, report.assessment, report.assessment_comment) == (
            ProgressReport.Status.ACCEPTED,
            "verified",
            "Site visits.",
        )


def test_accepting_several_reports_without_an_assessment_records_none(client, secretariat_reviewer, open_cycle):
    report = submitted_report(open_cycle)
    client.force_login(secretariat_reviewer)
    client.post(REPORT_QUEUE, {"action": "approve_selected", "_selected_action": [report.pk], "confirm": "yes"})
    report.refresh_from_db()
    assert (report.status, report.assessment) == (ProgressReport.Status.ACCEPTED, "")
