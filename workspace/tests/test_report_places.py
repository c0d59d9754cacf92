"""The progress report form asks where results were achieved, offering only
the places where the commitment works."""

import pytest
from django.urls import reverse

from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import ProgressReport

from .test_report_views import REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def test_the_form_offers_only_the_places_of_the_commitments_countries(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, countries=["KE"])

    places = maker_client.get(reverse("my-report-new", args=[commitment.pk])).context["form"].fields["places"]

    codes = set(places.queryset.values_list("code", flat=True))
    assert "KE-30" in codes and all(code.startswith("KE-") for code in codes)


def test_a_report_saves_its_places_and_the_edit_form_shows_them(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, countries=["KE"])
    commitment.places.set(["KE-30", "KE-01"])

    maker_client.post(reverse("my-report-new", args=[commitment.pk]), REPORT | {"places": ["KE-30"]})

    report = ProgressReport.objects.get()
    assert list(report.places.values_list("code", flat=True)) == ["KE-30"]
    form = maker_client.get(reverse("my-report-edit", args=[report.pk])).context["form"]
    assert form.initial["places"] == ["KE-30"]
    assert set(form.fields["places"].queryset.values_list("code", flat=True)) == {"KE-30", "KE-01"}


def test_a_place_of_another_country_is_refused_at_the_field_and_nothing_is_saved(maker_client, member, open_cycle):
    commitment = ApprovedCommitmentFactory(maker=member.maker, countries=["KE"])

    response = maker_client.post(reverse("my-report-new", args=[commitment.pk]), REPORT | {"places": ["TZ-01"]})

    assert response.status_code == 200
    assert response.context["form"].errors["places"]
    assert response.context["form"]["narrative"].value() == REPORT["narrative"]
    assert not ProgressReport.objects.exists()
