"""What anyone can read: public data only, by id or by reference."""

import pytest

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MakerFactory
from reporting.models import AccountabilityReport, ProgressReport
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db


def references(response):
    assert response.status_code == 200, response.content
    return sorted(row["reference"] for row in response.json()["results"])


def test_root_lists_every_resource(anon):
    body = anon.get("/api/v1/").json()

    assert set(body) == {
        "coalitions",
        "action-areas",
        "themes",
        "countries",
        "subdivisions",
        "makers",
        "commitments",
        "progress-reports",
        "cycles",
        "accountability-reports",
        "focal-points",
    }


def test_anonymous_callers_see_approved_and_withdrawn_commitments_but_never_drafts(anon):
    approved = ApprovedCommitmentFactory()
    withdrawn = ApprovedCommitmentFactory(status=Commitment.Status.WITHDRAWN)
    for status in ("draft", "submitted", "returned"):
        CommitmentFactory(status=status)

    assert references(anon.get("/api/v1/commitments/")) == sorted([approved.reference, withdrawn.reference])


def test_a_commitment_reads_with_model_field_names_codes_and_slugs(anon):
    commitment = ApprovedCommitmentFactory(is_financial=True, financial_amount_usd=125000)

    row = anon.get(f"/api/v1/commitments/{commitment.reference}/").json()

    assert row["reference"] == commitment.reference
    assert row["maker"] == commitment.maker_id
    assert row["coalitions"] == ["gender-based-violence"]
    assert row["countries"] == ["KE"]
    assert row["commitment_types"] == ["programme", "financial"]
    assert row["scope"] == "national"
    assert row["status"] == "approved"
    assert row["financial_amount_usd"] == "125000.00"
    assert "reporting_status" in row and "implementation_status" in row
    assert not any(key.startswith("is_") for key in row)


def test_commitment_detail_answers_by_id_and_by_reference_alike(anon):
    commitment = ApprovedCommitmentFactory()

    by_id = anon.get(f"/api/v1/commitments/{commitment.pk}/")
    by_reference = anon.get(f"/api/v1/commitments/{commitment.reference}/")

    assert by_id.status_code == by_reference.status_code == 200
    assert by_id.json() == by_reference.json()


def test_a_draft_is_not_found_for_anonymous_callers_by_id_or_reference(anon):
    draft = CommitmentFactory()

    assert anon.get(f"/api/v1/commitments/{draft.pk}/").status_code == 404
    assert anon.get(f"/api/v1/commitments/{draft.reference}/").status_code == 404


def test_reporting_and_implementation_status_come_from_the_latest_counted_report(anon, open_cycle):
    report = ProgressReportFactory(
        status=ProgressReport.Status.ACCEPTED, implementation_status="off_track", cycle=open_cycle
    )

    row = anon.get(f"/api/v1/commitments/{report.commitment.reference}/").json()

    assert row["reporting_status"] == "reported"
    assert row["implementation_status"] == "off_track"


def test_a_submitted_report_not_yet_accepted_is_awaiting_review_in_the_api(anon, open_cycle):
    report = ProgressReportFactory(
        status=ProgressReport.Status.SUBMITTED, implementation_status="off_track", cycle=open_cycle
    )

    row = anon.get(f"/api/v1/commitments/{report.commitment.reference}/").json()
    awaiting = anon.get("/api/v1/commitments/?reporting_status=awaiting_review").json()

    assert row["reporting_status"] == "awaiting_review"
    assert [found["reference"] for found in awaiting["results"]] == [report.commitment.reference]


def test_makers_list_holds_only_makers_with_a_public_commitment(anon):
    public = ApprovedCommitmentFactory().maker
    CommitmentFactory()  # a maker with only a draft
    MakerFactory()  # a maker with nothing

    body = anon.get("/api/v1/makers/").json()

    assert [row["id"] for row in body["results"]] == [public.pk]
    assert body["results"][0]["country"] == "KE"
    assert body["results"][0]["region"] == "africa"


def test_a_member_also_sees_their_own_maker_before_it_has_public_commitments(maker_client, member):
    assert [row["id"] for row in maker_client.get("/api/v1/makers/").json()["results"]] == [member.maker.pk]


def test_progress_reports_are_public_when_submitted_or_accepted_on_a_public_commitment(anon, open_cycle):
    submitted = ProgressReportFactory(status="submitted", cycle=open_cycle)
    accepted = ProgressReportFactory(status="accepted", cycle=open_cycle)
    ProgressReportFactory(status="draft", cycle=open_cycle)
    ProgressReportFactory(status="returned", cycle=open_cycle)
    on_draft = ProgressReportFactory(status="submitted", cycle=open_cycle)
    Commitment.objects.filter(pk=on_draft.commitment_id).update(status="draft")

    body = anon.get("/api/v1/progress-reports/").json()

    assert sorted(row["id"] for row in body["results"]) == sorted([submitted.pk, accepted.pk])
    assert body["results"][0]["cycle"] == open_cycle.year


def test_cycles_read_by_year(anon, open_cycle):
    row = anon.get(f"/api/v1/cycles/{open_cycle.year}/").json()

    assert row["year"] == open_cycle.year
    assert row["is_open"] is True


def test_coalitions_action_areas_and_themes_read_by_slug_and_id(anon):
    coalition = anon.get("/api/v1/coalitions/technology-and-innovation/").json()
    areas = anon.get("/api/v1/action-areas/", {"coalition": "technology-and-innovation"}).json()

    assert coalition["kind"] == "action_coalition"
    assert areas["count"] == 4
    assert {row["coalition"] for row in areas["results"]} == {"technology-and-innovation"}
    assert anon.get("/api/v1/themes/").json()["count"] == 7


def test_only_succeeded_accountability_reports_are_public_with_file_urls(anon, staff_client, open_cycle):
    from django.core.files.base import ContentFile

    done = AccountabilityReport.objects.create(cycle=open_cycle, version=1, status="succeeded")
    done.csv_file.save("figures.csv", ContentFile(b"a,b\n"))
    AccountabilityReport.objects.create(cycle=open_cycle, version=2, status="failed", error="boom")

    public = anon.get("/api/v1/accountability-reports/").json()["results"]
    staff = staff_client.get("/api/v1/accountability-reports/").json()["results"]

    assert [row["version"] for row in public] == [1]
    # Links go through the download view, never straight into the media folder.
    assert public[0]["csv_file"] == f"http://testserver/reports/{open_cycle.year}/v1/zip/"
    assert anon.get(public[0]["csv_file"]).status_code == 200
    assert public[0]["pdf_file"] is None
    assert sorted(row["version"] for row in staff) == [1, 2]
