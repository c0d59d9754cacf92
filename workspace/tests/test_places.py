"""The maker's commitment form offers the places of the chosen countries and
refuses one of another country at the field."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory
from workspace.tests.test_views import commitment_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def test_a_maker_chooses_counties_for_a_commitment(maker_client):
    maker_client.post(reverse("my-commitment-new"), commitment_form(places=["KE-30", "UG-102"]))

    commitment = Commitment.objects.get()
    assert sorted(commitment.places.values_list("code", flat=True)) == ["KE-30", "UG-102"]


def test_a_place_of_a_country_not_chosen_is_refused_next_to_the_field_and_nothing_is_lost(maker_client):
    response = maker_client.post(reverse("my-commitment-new"), commitment_form(places=["TZ-02"]))

    assert response.status_code == 200
    assert "Dar es Salaam (Tanzania" in " ".join(response.context["form"].errors["places"])
    assert response.context["form"]["title"].value() == "Fund women-led digital skills hubs"
    assert not Commitment.objects.exists()


def test_the_edit_form_offers_the_places_of_the_commitments_countries_only(maker_client, member):
    commitment = CommitmentFactory(maker=member.maker)  # in Kenya

    page = maker_client.get(reverse("my-commitment-edit", args=[commitment.pk])).content.decode()

    assert '<optgroup label="Kenya">' in page and 'value="KE-30"' in page
    assert 'value="TZ-02"' not in page
