"""Sub-national places on commitments: the service refuses a place outside
the commitment's countries, and the catalogue filters by place."""

import pytest
from django.core.exceptions import ValidationError

from coalitions.models import ActionCoalition
from commitments import services
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def data(**overrides):
    values = {
        "title": "Shelters in three counties",
        "description": "Open shelters and hotlines.",
        "coalitions": [ActionCoalition.objects.get(slug="gender-based-violence")],
        "commitment_types": ["programme"],
        "scope": "local",
        "countries": ["KE"],
        "start_year": 2023,
        "end_year": 2026,
    }
    return values | overrides


def test_a_commitment_names_the_counties_where_it_works():
    membership = MembershipFactory()

    commitment = services.commitment_create(
        actor=membership.user, maker=membership.maker, data=data(places=["KE-30", "KE-01"])
    )

    assert sorted(commitment.places.values_list("code", flat=True)) == ["KE-01", "KE-30"]


def test_a_place_of_another_country_is_refused_at_the_places_field():
    membership = MembershipFactory()

    with pytest.raises(ValidationError) as refused:
        services.commitment_create(actor=membership.user, maker=membership.maker, data=data(places=["TZ-02"]))

    assert "Dar es Salaam (Tanzania" in refused.value.message_dict["places"][0]
    assert not membership.maker.commitments.exists()


def test_dropping_a_country_that_still_has_places_is_refused():
    membership = MembershipFactory()
    commitment = services.commitment_create(
        actor=membership.user, maker=membership.maker, data=data(countries=["KE", "TZ"], places=["TZ-02"])
    )

    with pytest.raises(ValidationError) as refused:
        services.commitment_update(actor=membership.user, commitment=commitment, data={"countries": ["KE"]})

    assert "places" in refused.value.message_dict


def test_an_amendment_starts_with_the_places_of_the_commitment():
    commitment = ApprovedCommitmentFactory()
    commitment.places.set(["KE-30"])
    membership = MembershipFactory(maker=commitment.maker)

    amendment = services.commitment_start_amendment(actor=membership.user, commitment=commitment)

    assert list(amendment.places.values_list("code", flat=True)) == ["KE-30"]


def test_the_catalogue_filters_by_place_and_by_the_place_a_district_lies_in(client):
    nairobi = ApprovedCommitmentFactory(title="In Nairobi")
    nairobi.places.set(["KE-30"])
    ApprovedCommitmentFactory(title="Elsewhere in Kenya")
    CommitmentFactory(title="A draft in Nairobi").places.set(["KE-30"])

    page = client.get("/commitments/", {"place": "KE-30"}).context["page"]

    assert [row.title for row in page.rows] == ["In Nairobi"]


def test_an_unknown_place_in_the_catalogue_filter_is_reported_not_ignored(client):
    response = client.get("/commitments/", {"place": "XX-99"})

    assert response.status_code == 200
    assert response.context["filter_errors"]
