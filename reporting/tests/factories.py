import datetime

import factory
from django.utils import timezone

from commitments.tests.factories import ApprovedCommitmentFactory
from reporting.models import ProgressReport, ReportingCycle


def open_cycle(year=None):
    """A reporting cycle open today."""
    today = timezone.localdate()
    return ReportingCycle.objects.create(
        year=year or today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=30),
    )


def closed_cycle(year):
    """A reporting cycle that closed in the past, for `year`."""
    return ReportingCycle.objects.create(
        year=year, opens_on=datetime.date(year, 1, 15), closes_on=datetime.date(year, 3, 31)
    )


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(ApprovedCommitmentFactory)
    cycle = factory.LazyFunction(open_cycle)
    implementation_status = "on_track"
    narrative = "Two shelters opened; the hotline answers around the clock."
    people_reached = 1200
    challenges = factory.LazyFunction(lambda: ["funding"])
    status = ProgressReport.Status.DRAFT


def focal_point(country="KE", user=None, places=(), published=False):
    """A focal point for `country` (a new user unless given)."""
    from commitments.tests.factories import UserFactory
    from reporting.models import FocalPoint

    user = user or UserFactory(first_name="Amina", last_name="Otieno")
    appointment = FocalPoint.objects.create(user=user, country_id=country, published=published)
    appointment.places.set(places)
    return appointment
