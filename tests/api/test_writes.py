"""Makers with a token write their own drafts and progress reports through
the same services as the web site, and never touch another maker's."""

import pytest

from commitments.models import Commitment, ReviewEvent
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory
from reporting.models import AccountabilityReport, ProgressReport
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

NEW_COMMITMENT = {
    "title": "Digital skills for 10,000 rural girls",
    "description": "Coding clubs in forty secondary schools.",
    "coalitions": ["technology-and-innovation"],
    "commitment_types": ["programme", "financial"],
    "financial_amount_usd": "250000.00",
    "scope": "national",
    "countries": ["KE"],
    "start_year": 2024,
    "end_year": 2026,
}


def test_a_maker_creates_a_draft_through_the_service(maker_client, member):
    response = maker_client.post("/api/v1/commitments/", {**NEW_COMMITMENT, "maker": member.maker.pk}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["reference"].startswith("GE-")
    assert body["commitment_types"] == ["programme", "financial"]
    commitment = Commitment.objects.get(pk=body["id"])
    assert ReviewEvent.objects.filter(commitment=commitment, action="created", actor=member).exists()


def test_creating_for_a_maker_you_do_not_belong_to_is_forbidden(maker_client):
    other = ApprovedCommitmentFactory().maker

    response = maker_client.post("/api/v1/commitments/", {**NEW_COMMITMENT, "maker": other.pk}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Commitment.objects.filter(title=NEW_COMMITMENT["title"]).exists()


def test_a_financial_commitment_without_an_amount_is_refused_field_by_field(maker_client, member):
    data = {**NEW_COMMITMENT, "maker": member.maker.pk, "financial_amount_usd": None, "end_year": 2020}

    response = maker_client.post("/api/v1/commitments/", data, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "financial_amount_usd" in errors or "end_year" in errors
    assert not Commitment.objects.filter(title=NEW_COMMITMENT["title"]).exists()


def test_missing_and_unknown_values_name_their_fields(maker_client, member):
    response = maker_client.post(
        "/api/v1/commitments/",
        {"maker": member.maker.pk, "coalitions": ["atlantis"], "commitment_types": ["magic"]},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"title", "coalitions"} <= set(errors)
    assert any(name.startswith("commitment_types") for name in errors)


def test_a_draft_is_created_with_its_title_alone_and_its_submission_names_every_missing_field(maker_client, member):
    created = maker_client.post("/api/v1/commitments/", {"maker": member.maker.pk, "title": "Shelters"}, format="json")
    assert created.status_code == 201, created.content

    submitted = maker_client.post(f"/api/v1/commitments/{created.json()['id']}/submit/")

    assert submitted.status_code == 400
    assert {"description", "scope", "start_year", "end_year", "coalitions"} <= set(submitted.json()["errors"])


def test_anonymous_callers_cannot_write(anon):
    response = anon.post("/api/v1/commitments/", NEW_COMMITMENT, format="json")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_maker_edits_and_submits_their_draft(maker_client, member):
    draft = CommitmentFactory(maker=member.maker)

    edited = maker_client.patch(f"/api/v1/commitments/{draft.reference}/", {"title": "Sharper title"}, format="json")
    submitted = maker_client.post(f"/api/v1/commitments/{draft.pk}/submit/")

    assert edited.status_code == 200 and edited.json()["title"] == "Sharper title"
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert ReviewEvent.objects.filter(commitment=draft, action="submitted").exists()


def test_a_maker_lists_their_own_drafts_with_mine(maker_client, member):
    own_draft = CommitmentFactory(maker=member.maker)
    public = ApprovedCommitmentFactory()
    CommitmentFactory()  # someone else's draft

    everything = maker_client.get("/api/v1/commitments/").json()["results"]
    mine = maker_client.get("/api/v1/commitments/", {"mine": "true"}).json()["results"]

    assert sorted(row["id"] for row in everything) == sorted([own_draft.pk, public.pk])
    assert [row["id"] for row in mine] == [own_draft.pk]


def test_another_makers_draft_is_not_found_for_reading_editing_or_submitting(maker_client):
    theirs = CommitmentFactory()

    assert maker_client.get(f"/api/v1/commitments/{theirs.pk}/").status_code == 404
    assert (
        maker_client.patch(f"/api/v1/commitments/{theirs.pk}/", {"title": "Mine now"}, format="json").status_code == 404
    )
    assert maker_client.post(f"/api/v1/commitments/{theirs.pk}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.title != "Mine now" and theirs.status == "draft"


def test_editing_another_makers_public_commitment_is_forbidden(maker_client):
    theirs = ApprovedCommitmentFactory()

    response = maker_client.patch(f"/api/v1/commitments/{theirs.pk}/", {"title": "Mine now"}, format="json")

    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title != "Mine now"


def test_editing_a_submitted_commitment_is_a_conflict(maker_client, member):
    submitted = CommitmentFactory(maker=member.maker, status="submitted")

    response = maker_client.patch(f"/api/v1/commitments/{submitted.pk}/", {"title": "Late change"}, format="json")

    assert response.status_code == 409
    assert "submitted" in response.json()["detail"].lower()


def test_the_maker_of_a_commitment_cannot_change(maker_client, member):
    draft = CommitmentFactory(maker=member.maker)
    other = ApprovedCommitmentFactory().maker

    response = maker_client.patch(f"/api/v1/commitments/{draft.pk}/", {"maker": other.pk}, format="json")

    assert response.status_code == 400
    assert "maker" in response.json()["errors"]


def test_put_and_delete_are_not_allowed_and_say_so_in_json(maker_client, member):
    draft = CommitmentFactory(maker=member.maker)

    for method in (maker_client.put, maker_client.delete):
        response = method(f"/api/v1/commitments/{draft.pk}/")
        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"


# Progress reports --------------------------------------------------------------


def test_a_maker_files_edits_and_submits_a_progress_report(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    created = maker_client.post(
        "/api/v1/progress-reports/",
        {"commitment": commitment.pk, "implementation_status": "on_track", "challenges": ["funding"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    report_id = created.json()["id"]
    assert created.json()["cycle"] == open_cycle.year
    refused = maker_client.post(f"/api/v1/progress-reports/{report_id}/submit/")
    edited = maker_client.patch(
        f"/api/v1/progress-reports/{report_id}/", {"people_reached": 900, "narrative": "Nine clubs."}, format="json"
    )
    submitted = maker_client.post(f"/api/v1/progress-reports/{report_id}/submit/")

    assert refused.status_code == 400 and "narrative" in refused.json()["errors"]
    assert edited.json()["people_reached"] == 900
    assert submitted.json()["status"] == "submitted"
    assert ProgressReport.objects.get(pk=report_id).status == "submitted"


def test_a_second_report_for_the_same_cycle_is_a_conflict(maker_client, member, open_cycle):
    report = ProgressReportFactory(cycle=open_cycle, commitment=ApprovedCommitmentFactory(maker=member.maker))

    response = maker_client.post(
        "/api/v1/progress-reports/",
        {"commitment": report.commitment_id, "implementation_status": "on_track"},
        format="json",
    )

    assert response.status_code == 409


def test_reporting_on_another_makers_commitment_is_forbidden(maker_client, open_cycle):
    theirs = ApprovedCommitmentFactory()

    response = maker_client.post(
        "/api/v1/progress-reports/", {"commitment": theirs.pk, "implementation_status": "on_track"}, format="json"
    )

    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_another_makers_draft_report_is_not_found(maker_client, open_cycle):
    theirs = ProgressReportFactory(cycle=open_cycle)

    assert maker_client.get(f"/api/v1/progress-reports/{theirs.pk}/").status_code == 404
    assert (
        maker_client.patch(f"/api/v1/progress-reports/{theirs.pk}/", {"narrative": "x"}, format="json").status_code
        == 404
    )


def test_a_report_with_an_unknown_challenge_is_refused(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    response = maker_client.post(
        "/api/v1/progress-reports/",
        {"commitment": commitment.pk, "implementation_status": "on_track", "challenges": ["dragons"]},
        format="json",
    )

    assert response.status_code == 400
    assert any(name.startswith("challenges") for name in response.json()["errors"])


def test_without_an_open_cycle_a_report_must_name_one(maker_client, member):
    commitment = ApprovedCommitmentFactory(maker=member.maker)

    response = maker_client.post(
        "/api/v1/progress-reports/", {"commitment": commitment.pk, "implementation_status": "on_track"}, format="json"
    )

    assert response.status_code == 400
    assert "cycle" in response.json()["errors"]


# Accountability reports ----------------------------------------------------------


def test_staff_queue_an_accountability_report_and_get_202_with_the_row(staff_client, open_cycle):
    # The compile task is another branch's; its on-commit callback is not run here.
    response = staff_client.post("/api/v1/accountability-reports/", {"cycle": open_cycle.year}, format="json")

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    assert response.json()["version"] == 1
    assert AccountabilityReport.objects.get().requested_by == staff_client.user


def test_makers_cannot_queue_accountability_reports(maker_client, open_cycle):
    response = maker_client.post("/api/v1/accountability-reports/", {"cycle": open_cycle.year}, format="json")

    assert response.status_code == 403
    assert not AccountabilityReport.objects.exists()


def test_queueing_for_an_unknown_cycle_names_the_field(staff_client):
    response = staff_client.post("/api/v1/accountability-reports/", {"cycle": 1999}, format="json")

    assert response.status_code == 400
    assert "cycle" in response.json()["errors"]
