"""Secretariat reviewers accept (with their own assessment) and return
submitted progress reports over the API, through the same services as the
admin; nobody else can."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import ReviewEvent
from reporting.models import ProgressReport
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(reviewer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reviewer).key}")
    return client


@pytest.fixture
def submitted(open_cycle):
    return ProgressReportFactory(
        cycle=open_cycle, status=ProgressReport.Status.SUBMITTED, implementation_status="on_track"
    )


def test_a_reviewer_accepts_with_an_assessment_kept_beside_the_self_reported_status(reviewer_client, submitted):
    response = reviewer_client.post(
        f"/api/v1/progress-reports/{submitted.pk}/accept/",
        {"comment": "Thank you.", "assessment": "partly_verified", "assessment_comment": "One shelter seen."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["assessment"], body["implementation_status"]) == (
        "accepted",
        "partly_verified",
        "on_track",
    )
    submitted.refresh_from_db()
    assert submitted.assessment_comment == "One shelter seen." and submitted.assessed_at is not None


def test_a_reviewer_returns_a_report_with_what_to_change(reviewer_client, submitted):
    response = reviewer_client.post(
        f"/api/v1/progress-reports/{submitted.pk}/return/", {"comment": "Add the figures."}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert ReviewEvent.objects.filter(progress_report=submitted, comment="Add the figures.").exists()


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("accept", {"assessment": "certain"}, "assessment"),
        ("accept", {"assessment_comment": "Seen."}, "assessment"),
        ("return", {"comment": ""}, "comment"),
        ("return", {"comment": "Fix it.", "assessment": "verified"}, "assessment"),
    ],
)
def test_a_bad_decision_is_refused_at_its_field_and_changes_nothing(reviewer_client, submitted, path, payload, field):
    response = reviewer_client.post(f"/api/v1/progress-reports/{submitted.pk}/{path}/", payload, format="json")
    assert response.status_code == 400
    assert field in str(response.json())
    submitted.refresh_from_db()
    assert submitted.status == ProgressReport.Status.SUBMITTED and submitted.assessment == ""


def test_a_report_not_waiting_for_a_decision_answers_409(reviewer_client, open_cycle):
    draft = ProgressReportFactory(cycle=open_cycle, status=ProgressReport.Status.DRAFT)
    response = reviewer_client.post(f"/api/v1/progress-reports/{draft.pk}/accept/", {}, format="json")
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == ProgressReport.Status.DRAFT


def test_makers_and_anonymous_callers_cannot_decide(maker_client, anon, member, open_cycle):
    own = ProgressReportFactory(
        commitment__maker=member.maker, cycle=open_cycle, status=ProgressReport.Status.SUBMITTED
    )
    for client in (maker_client, anon):
        response = client.post(f"/api/v1/progress-reports/{own.pk}/accept/", {"assessment": "verified"}, format="json")
        assert response.status_code in (401, 403)
    own.refresh_from_db()
    assert own.status == ProgressReport.Status.SUBMITTED


def test_a_decision_names_a_report_by_its_ascii_id_only(reviewer_client, submitted):
    # Arabic-Indic digits are digits to str.isdigit() and int(): they must
    # not reach the report they spell, and an id beyond a bigint is not found.
    arabic = str(submitted.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for key in [arabic, "99999999999999999999", "abc"]:
        response = reviewer_client.post(f"/api/v1/progress-reports/{key}/accept/", {}, format="json")
        assert response.status_code == 404, key
    submitted.refresh_from_db()
    assert submitted.status == ProgressReport.Status.SUBMITTED
