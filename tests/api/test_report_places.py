"""Progress reports say where results were achieved, in the API: written and
read as ISO 3166-2 codes, refused outside the commitment, and filtered by."""

import pytest

from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import ProgressReport
from reporting.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

REPORT = {"implementation_status": "on_track", "narrative": "Two shelters opened."}


def test_a_maker_reports_where_results_were_achieved_and_reads_it_back(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, countries=["KE"])

    response = maker_client.post(
        "/api/v1/progress-reports/", {**REPORT, "commitment": commitment.pk, "places": ["KE-30"]}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["places"] == ["KE-30"]


def test_a_place_outside_the_commitment_is_refused_at_the_places_field(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, countries=["KE"])

    response = maker_client.post(
        "/api/v1/progress-reports/", {**REPORT, "commitment": commitment.pk, "places": ["TZ-02"]}, format="json"
    )

    assert response.status_code == 400
    assert "places" in response.json()["errors"]
    assert not ProgressReport.objects.exists()


def test_progress_reports_filter_by_place(anon, open_cycle):
    in_nairobi = ProgressReportFactory(
        commitment=ApprovedCommitmentFactory(countries=["KE"]), cycle=open_cycle, status="accepted"
    )
    in_nairobi.places.set(["KE-30"])
    ProgressReportFactory(commitment=ApprovedCommitmentFactory(countries=["KE"]), cycle=open_cycle, status="accepted")

    rows = anon.get("/api/v1/progress-reports/?place=KE-30").json()["results"]

    assert [row["id"] for row in rows] == [in_nairobi.pk]
