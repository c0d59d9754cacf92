"""Deliverables, indicators, standard indicators, SMART score and progress in
the API: reads for everyone, writes for makers through the services, and the
same refusals as the web site."""

from decimal import Decimal

import pytest

from commitments.models import Commitment, Deliverable, Indicator
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory
from reporting.models import IndicatorResult
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

INDICATOR = {
    "name": "Survivors supported",
    "unit": "people",
    "baseline_value": "0.00",
    "baseline_year": 2022,
    "target_value": "1000.00",
    "target_year": 2026,
}


def add_indicator(commitment, **overrides):
    data = {**INDICATOR, **overrides}
    return Indicator.objects.create(commitment=commitment, **data)


def test_commitment_detail_nests_its_deliverables_indicators_and_smart_criteria(anon):
    commitment = ApprovedCommitmentFactory(progress=40, smart_score=2)
    add_indicator(commitment, standard_id=None)
    Deliverable.objects.create(commitment=commitment, title="Shelter", due_year=2024)

    body = anon.get(f"/api/v1/commitments/{commitment.reference}/").json()

    assert (body["smart_score"], body["progress"]) == (2, 40)
    assert [row["name"] for row in body["indicators"]] == ["Survivors supported"]
    assert body["deliverables"][0]["status"] == "not_started"
    assert {row["code"] for row in body["smart_criteria"]} == {
        "specific",
        "measurable",
        "achievable",
        "relevant",
        "time_bound",
    }
    assert all(row["guidance"] for row in body["smart_criteria"] if not row["met"])
    listed = anon.get("/api/v1/commitments/").json()["results"][0]
    assert (listed["smart_score"], listed["progress"]) == (2, 40)
    assert "indicators" not in listed


def test_lists_filter_by_commitment_and_hide_drafts(anon):
    public = ApprovedCommitmentFactory()
    add_indicator(public)
    add_indicator(CommitmentFactory())  # a draft: nobody else sees it

    rows = anon.get("/api/v1/indicators/", {"commitment": public.pk}).json()["results"]
    assert [row["commitment"] for row in rows] == [public.pk]
    assert len(anon.get("/api/v1/indicators/").json()["results"]) == 1


def test_standard_indicators_are_listed_by_code(anon):
    rows = anon.get("/api/v1/standard-indicators/").json()["results"]
    assert "people-reached-by-services" in {row["code"] for row in rows}
    assert anon.get("/api/v1/standard-indicators/usd-disbursed/").json()["unit"] == "usd"


def test_catalogue_filters_and_orderings_by_smart_score_and_progress(anon):
    low = ApprovedCommitmentFactory(smart_score=1, progress=90)
    high = ApprovedCommitmentFactory(smart_score=4, progress=10)
    none = ApprovedCommitmentFactory(smart_score=4, progress=None)

    def refs(**params):
        return [row["reference"] for row in anon.get("/api/v1/commitments/", params).json()["results"]]

    assert set(refs(smart_score_min=3)) == {high.reference, none.reference}
    assert refs(smart_score=1) == [low.reference]
    assert refs(progress_min=50) == [low.reference]
    assert refs(ordering="progress") == [high.reference, low.reference, none.reference]
    assert refs(ordering="-progress") == [low.reference, high.reference, none.reference]
    assert refs(ordering="-smart_score")[-1] == low.reference


def test_a_maker_adds_edits_and_deletes_an_indicator_on_a_draft(maker_client, member):
    draft = CommitmentFactory(maker=member.maker)

    created = maker_client.post(
        "/api/v1/indicators/",
        {
            **{k: v for k, v in INDICATOR.items() if k != "unit"},
            "commitment": draft.pk,
            "standard": "people-reached-by-services",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["standard"] == "people-reached-by-services"
    assert Commitment.objects.get(pk=draft.pk).smart_score >= 1
    url = f"/api/v1/indicators/{created.json()['id']}/"
    assert maker_client.patch(url, {"target_value": "2000"}, format="json").json()["target_value"] == "2000.00"
    assert maker_client.delete(url).status_code == 204
    assert not Indicator.objects.exists()


def test_refusals_name_their_field(maker_client, member):
    draft = CommitmentFactory(maker=member.maker)

    response = maker_client.post(
        "/api/v1/indicators/", {**INDICATOR, "commitment": draft.pk, "target_value": "0.00"}, format="json"
    )
    assert response.status_code == 400
    assert "target_value" in response.json()["errors"]
    response = maker_client.post(
        "/api/v1/deliverables/", {"commitment": draft.pk, "title": "Late", "due_year": 2040}, format="json"
    )
    assert response.status_code == 400
    assert "due_year" in response.json()["errors"]


def test_another_makers_draft_and_an_approved_commitment_are_not_writable(maker_client, member):
    other = CommitmentFactory()
    response = maker_client.post("/api/v1/indicators/", {**INDICATOR, "commitment": other.pk}, format="json")
    assert response.status_code == 403
    approved = ApprovedCommitmentFactory(maker=member.maker)
    response = maker_client.post("/api/v1/indicators/", {**INDICATOR, "commitment": approved.pk}, format="json")
    assert response.status_code == 409
    public = add_indicator(approved)
    assert maker_client.delete(f"/api/v1/indicators/{public.pk}/").status_code == 409
    assert Indicator.objects.filter(pk=public.pk).exists()


def test_anonymous_callers_cannot_write(anon):
    draft = CommitmentFactory()
    response = anon.post("/api/v1/deliverables/", {"commitment": draft.pk, "title": "x", "due_year": 2024})
    assert response.status_code in (401, 403)


def test_a_maker_reports_results_with_a_breakdown_and_sees_the_money_warning(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, financial_amount_usd=Decimal("100"))
    people = add_indicator(commitment)

    response = maker_client.post(
        "/api/v1/progress-reports/",
        {
            "commitment": commitment.pk,
            "implementation_status": "on_track",
            "narrative": "Opened.",
            "amount_disbursed_original": "25800",
            "currency": "KES",
            "usd_rate": "0.00775194",
            "results": [{"indicator": people.pk, "value": "500", "breakdown": {"sex": {"female": 400, "male": 100}}}],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount_disbursed_usd"] == "200.00"
    assert body["results"][0]["breakdown"] == {"sex": {"female": "400.00", "male": "100.00"}}
    assert "more than" in body["warnings"][0]
    submitted = maker_client.post(f"/api/v1/progress-reports/{body['id']}/submit/")
    assert submitted.status_code == 200
    assert anon_progress(commitment) == 50


def anon_progress(commitment):
    return Commitment.objects.get(pk=commitment.pk).progress


def test_a_breakdown_that_does_not_add_up_is_refused(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker)
    people = add_indicator(commitment)
    response = maker_client.post(
        "/api/v1/progress-reports/",
        {
            "commitment": commitment.pk,
            "implementation_status": "on_track",
            "results": [{"indicator": people.pk, "value": "500", "breakdown": {"sex": {"female": 1}}}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "results" in response.json()["errors"]
    assert not IndicatorResult.objects.exists()


def test_the_public_sees_the_assessment_beside_the_self_reported_status(anon):
    report = ProgressReportFactory(
        status="accepted",
        assessment="not_verifiable",
        assessment_comment="No evidence.",
        implementation_status="on_track",
    )
    body = anon.get(f"/api/v1/progress-reports/{report.pk}/").json()
    assert (body["assessment"], body["implementation_status"]) == ("not_verifiable", "on_track")
    assert body["results"] == [] and body["deliverable_updates"] == []
