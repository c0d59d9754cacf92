"""The sub-national places, loaded from ISO 3166-2 (pycountry) by a data
migration."""

import pytest

from coalitions.models import Subdivision

pytestmark = pytest.mark.django_db


def test_every_county_of_kenya_is_loaded():
    counties = Subdivision.objects.filter(country="KE")

    assert counties.count() == 47
    assert Subdivision.objects.get(code="KE-30").name == "Nairobi City"
    assert set(counties.values_list("type", flat=True)) == {"County"}


def test_regions_of_tanzania_and_entities_of_bosnia_and_herzegovina_are_loaded():
    assert Subdivision.objects.get(code="TZ-02").name == "Dar es Salaam"
    assert Subdivision.objects.get(code="BA-SRP").type == "Entity"


def test_a_nested_place_knows_the_place_it_lies_in():
    district = Subdivision.objects.filter(parent__isnull=False).select_related("parent").first()

    assert district is not None
    assert district.parent.country_id == district.country_id
