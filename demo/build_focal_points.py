"""Focal points for the countries whose national committees asked for them
(`FocalPointsMixin`, part of `DemoBuilder`): Kenya's for three counties,
Tanzania's for three regions (ISO 3166-2 has Tanzania's regions; its
councils are not reference data, so the demo does not invent them), and
Bosnia and Herzegovina's for the whole country (ISO 3166-2 has its entities
only). Each has entered a few of its makers' progress reports for the open
cycle, as drafts waiting for the makers to confirm. A fixed number of rows,
written in bulk, whatever the demo's size."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef

from coalitions.models import Subdivision
from commitments.models import Commitment, ReviewEvent
from reporting import focal_points
from reporting.models import FocalPoint, ProgressReport

from .common import Action, Impl, ReportStatus, Status
from .texts import NEXT_STEPS

# username, first and last name, country, how many of its places (0: all of it)
FOCAL_POINTS = [
    ("focal.kenya", "Wanjiru", "Kamau", "KE", 3),
    ("focal.tanzania", "Neema", "Mushi", "TZ", 3),
    ("focal.bih", "Amra", "Hodžić", "BA", 0),
]
REPORTS_ENTERED = 4
ENTERED_NARRATIVE = (
    "Collected on paper at the {country} committee's quarterly meeting and entered by its focal point: "
    "activities went ahead as planned in the places listed."
)


class FocalPointsMixin:
    """Focal points and the reports they entered, for `DemoBuilder`."""

    def _create_focal_points(self):
        User = get_user_model()
        for username, first, last, country, place_count in FOCAL_POINTS:
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.example.org",
                    "is_active": True,
                    "password": self.password_hash,
                },
            )
            appointment = FocalPoint.objects.create(
                user=user, country_id=country, published=True, appointed_by_id=self.reviewers[0]
            )
            if place_count:
                appointment.places.set(self._busiest_places(country, place_count))
            where = ", ".join(appointment.places.values_list("name", flat=True)) if place_count else "the whole country"
            self.demo_users.append((username, f"focal point for {country} ({where}), /my/countries/{country}/"))
            self._enter_reports(appointment)
            self.counts["focal points"] += 1

    def _busiest_places(self, country, count):
        """The places of `country` that most commitments name, so that a
        place focal point has work to follow."""
        through = Commitment.places.through.objects.filter(subdivision__country_id=country)
        codes = list(
            through.values("subdivision_id")
            .annotate(n=Count("commitment_id"))
            .order_by("-n", "subdivision_id")
            .values_list("subdivision_id", flat=True)[:count]
        )
        if len(codes) < count:
            codes += list(
                Subdivision.objects.filter(country_id=country, parent__isnull=True)
                .exclude(pk__in=codes)
                .order_by("code")
                .values_list("pk", flat=True)[: count - len(codes)]
            )
        return codes

    def _enter_reports(self, appointment):
        cycle = self.open_cycle
        if cycle is None:
            return
        has_report = ProgressReport.objects.filter(commitment=OuterRef("pk"), cycle=cycle)
        commitments = list(
            focal_points.scope_commitments(appointment)
            .filter(status=Status.APPROVED, end_year__gte=cycle.year)
            .exclude(Exists(has_report))
            .order_by("reference")
            .values_list("pk", "maker_id")[:REPORTS_ENTERED]
        )
        opens, _window_end = self.cycle_windows[cycle.pk]
        moment = max(opens, self.now - datetime.timedelta(days=3))
        reports = [
            ProgressReport(
                commitment_id=pk,
                cycle=cycle,
                implementation_status=Impl.ON_TRACK,
                narrative=ENTERED_NARRATIVE.format(country=appointment.country.name),
                people_reached=300 + 150 * index,
                next_steps=self.rng.choice(NEXT_STEPS),
                status=ReportStatus.DRAFT,
                entered_by=appointment.user,
                created_at=moment,
                updated_at=moment,
            )
            for index, (pk, _maker) in enumerate(commitments)
        ]
        ProgressReport.objects.bulk_create(reports)
        comment = f"Entered by {appointment.public_name}, focal point for {appointment.country.name}, for the maker to check and submit."
        events = [
            ReviewEvent(
                commitment_id=report.commitment_id,
                progress_report=report,
                actor=appointment.user,
                action=Action.REPORT_ENTERED,
                to_status=ReportStatus.DRAFT,
                comment=comment,
                created_at=moment,
            )
            for report in reports
        ]
        ReviewEvent.objects.bulk_create(events)
        self.counts["reports entered by focal points"] += len(reports)
