"""A country's accountability report on its page: compiled by those who may,
its latest files downloadable by anyone; and the same in the API."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.tests.factories import UserFactory
from reporting.models import AccountabilityReport
from reporting.tests.factories import closed_cycle, focal_point
from reporting.tests.report_fixture import build_world, make_compiler

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_pdf_layout(monkeypatch):
    from reporting import outputs

    monkeypatch.setattr(outputs, "render_pdf", lambda html: (b"%PDF-1.7", None))


@pytest.fixture
def compiled_kenya(settings, tmp_path):
    """The world's 2024 report for Kenya, compiled in-process (the outbox
    runs the task eagerly in tests)."""
    settings.MEDIA_ROOT = tmp_path
    from jobs.tasks import compile_accountability_report
    from reporting.services import country_report_request

    cycle = build_world()
    report = country_report_request(actor=make_compiler(), cycle=cycle, country="KE")
    compile_accountability_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == AccountabilityReport.Status.SUCCEEDED, report.error
    return report


def test_staff_compile_a_countrys_report_from_its_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cycle = closed_cycle(2024)
    client.force_login(make_compiler())

    page = client.get("/countries/KE/").content.decode()
    assert 'action="/countries/KE/reports/"' in page
    response = client.post("/countries/KE/reports/", {"year": cycle.year}, follow=True)

    report = AccountabilityReport.objects.get()
    assert (report.country_id, report.cycle, report.version) == ("KE", cycle, 1)
    assert "is being compiled" in response.content.decode()


def test_the_public_sees_no_compile_button_and_a_post_changes_nothing(client):
    closed_cycle(2024)
    client.force_login(UserFactory())

    assert "/countries/KE/reports/" not in client.get("/countries/KE/").content.decode()
    response = client.post("/countries/KE/reports/", {"year": 2024}, follow=True)

    assert not AccountabilityReport.objects.exists()
    assert (
        "Only secretariat staff and the country&#x27;s focal points can compile its accountability report."
        in response.content.decode()
    )


def test_the_latest_country_report_is_downloadable_from_the_country_page(client, compiled_kenya):
    page = client.get("/countries/KE/").content.decode()

    xlsx = compiled_kenya.download_url("xlsx")
    assert xlsx == "/countries/KE/reports/2024/v1.xlsx"
    assert f'href="{xlsx}"' in page
    response = client.get(compiled_kenya.download_url("html"))
    assert response.status_code == 200
    assert "Accountability report 2024: Kenya" in b"".join(response.streaming_content).decode()
    # Another country's URL does not hand out Kenya's files.
    assert client.get("/countries/UG/reports/2024/v1.xlsx").status_code == 404
    # Nor does the global report's list count it as a version of its own.
    assert client.get("/reports/2024/").status_code == 404


def test_the_api_lists_country_reports_with_file_links_and_filters_by_country(compiled_kenya):
    anon = APIClient()

    body = anon.get("/api/v1/country-reports/?country=KE").json()
    (row,) = body["results"]
    assert (row["country"], row["region"], row["cycle"], row["version"]) == ("KE", "", 2024, 1)
    assert row["xlsx_file"].endswith("/countries/KE/reports/2024/v1.xlsx")
    assert row["data"]["totals"]["commitments"] == 2
    assert anon.get("/api/v1/country-reports/?country=UG").json()["results"] == []
    assert anon.get("/api/v1/country-reports/?region=africa").json()["results"] == []
    assert anon.get("/api/v1/accountability-reports/").json()["results"] == []


def test_staff_request_a_region_report_through_the_api_and_makers_cannot():
    cycle = closed_cycle(2024)
    staff, maker = APIClient(), APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=make_compiler()).key}")
    maker.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")

    assert maker.post("/api/v1/country-reports/", {"cycle": 2024, "country": "KE"}, format="json").status_code == 403
    refused = staff.post("/api/v1/country-reports/", {"cycle": 2024}, format="json")
    queued = staff.post("/api/v1/country-reports/", {"cycle": 2024, "region": "africa"}, format="json")

    assert refused.status_code == 400 and "country" in refused.json()["errors"]
    assert queued.status_code == 202, queued.content
    assert AccountabilityReport.objects.get().region == "africa"
    assert AccountabilityReport.objects.get().cycle == cycle


def test_a_country_report_in_the_api_lists_like_the_others_in_a_constant_number_of_queries(
    compiled_kenya, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        assert APIClient().get("/api/v1/country-reports/").status_code == 200


def test_the_report_list_of_the_site_ignores_country_reports(client, compiled_kenya):
    page = client.get("/reports/").content.decode()

    assert "/countries/KE/reports/" not in page


def test_a_focal_point_compiles_their_countrys_report_from_their_workspace_and_no_other(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    cycle = closed_cycle(2024)
    appointment = focal_point("KE", places=["KE-30"])
    client.force_login(appointment.user)

    workspace = client.get("/my/countries/KE/").content.decode()
    assert 'href="/countries/KE/#country-report-title"' in workspace
    page = client.get("/countries/KE/").content.decode()
    assert 'action="/countries/KE/reports/"' in page
    response = client.post("/countries/KE/reports/", {"year": cycle.year}, follow=True)

    report = AccountabilityReport.objects.get()
    assert (report.country_id, report.requested_by, report.version) == ("KE", appointment.user, 1)
    assert "is being compiled" in response.content.decode()
    # Another country's report, and a region's, stay the secretariat's.
    assert 'action="/countries/UG/reports/"' not in client.get("/countries/UG/").content.decode()
    client.post("/countries/UG/reports/", {"year": cycle.year})
    client.post("/regions/africa/reports/", {"year": cycle.year})
    assert AccountabilityReport.objects.count() == 1


def test_a_focal_point_requests_their_countrys_report_through_the_api_and_no_other():
    closed_cycle(2024)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=focal_point('KE').user).key}")

    queued = api.post("/api/v1/country-reports/", {"cycle": 2024, "country": "KE"}, format="json")
    other = api.post("/api/v1/country-reports/", {"cycle": 2024, "country": "UG"}, format="json")
    region = api.post("/api/v1/country-reports/", {"cycle": 2024, "region": "africa"}, format="json")

    assert queued.status_code == 202, queued.content
    assert other.status_code == 403 and region.status_code == 403
    assert list(AccountabilityReport.objects.values_list("country_id", flat=True)) == ["KE"]
