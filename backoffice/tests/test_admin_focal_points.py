"""The secretariat appoints focal points in the admin, through the services:
a place of another country is refused at the field, and staff without the
permission cannot appoint."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from coalitions.models import Subdivision
from commitments.tests.factories import UserFactory
from reporting.models import FocalPoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_focalpoint"))
    client.force_login(user)
    return user


def test_the_secretariat_appoints_a_focal_point_for_counties(client, secretariat):
    user = UserFactory(first_name="Wanjiru", last_name="Kamau")
    counties = list(Subdivision.objects.filter(country_id="KE").order_by("code")[:2])

    response = client.post(
        reverse("admin:reporting_focalpoint_add"),
        {"user": user.pk, "country": "KE", "places": [place.pk for place in counties], "published": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    appointment = FocalPoint.objects.get(user=user)
    assert appointment.appointed_by == secretariat and appointment.published
    assert set(appointment.places.all()) == set(counties)


def test_a_place_of_another_country_is_refused_at_the_field_and_nothing_is_saved(client, secretariat):
    user = UserFactory()
    tanzanian = Subdivision.objects.filter(country_id="TZ").first()

    response = client.post(
        reverse("admin:reporting_focalpoint_add"), {"user": user.pk, "country": "KE", "places": [tanzanian.pk]}
    )

    assert response.status_code == 200
    assert "not in Kenya" in response.content.decode()
    assert not FocalPoint.objects.exists()


def test_staff_without_the_permission_cannot_appoint(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(reverse("admin:reporting_focalpoint_add"), {"user": UserFactory().pk, "country": "KE"})

    assert response.status_code == 403
    assert not FocalPoint.objects.exists()


def test_the_list_runs_a_constant_number_of_queries(client, secretariat, django_assert_max_num_queries):
    from reporting.tests.factories import focal_point

    for _index in range(15):
        focal_point("KE", user=UserFactory())

    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:reporting_focalpoint_changelist")).status_code == 200


def test_changing_an_appointment_refuses_a_foreign_place_and_keeps_the_old_ones(client, secretariat):
    from reporting.tests.factories import focal_point

    county = Subdivision.objects.filter(country_id="KE").first()
    appointment = focal_point("KE", places=[county])
    tanzanian = Subdivision.objects.filter(country_id="TZ").first()

    response = client.post(
        reverse("admin:reporting_focalpoint_change", args=[appointment.pk]), {"places": [tanzanian.pk]}
    )

    assert response.status_code == 200
    assert "not in Kenya" in response.content.decode()
    assert list(appointment.places.all()) == [county]


def test_changing_an_appointment_publishes_it_through_the_service(client, secretariat):
    from reporting.tests.factories import focal_point

    appointment = focal_point("KE")

    response = client.post(
        reverse("admin:reporting_focalpoint_change", args=[appointment.pk]), {"places": [], "published": "on"}
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.published
