"""`DemoBuilder`, which builds the whole demo in one transaction, and
`build_demo`, what `seed_demo` calls. The builder's work is spread over
mixins: makers and people (build_makers), commitments with their review
trails and amendments (build_commitments) and progress reports
(build_reports); this module holds the order of the steps, the reference
data and cycles, the coalition leaders, the row inserts and the seeded
randomness every step draws from."""

import bisect
import datetime
import itertools
import random
import time
from collections import Counter

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from coalitions.models import ActionArea, ActionCoalition, CoalitionLeader, Country, Region, Theme
from commitments.models import Commitment, CommitmentMaker, Deliverable, Indicator, Membership, ReviewEvent
from commitments.stored_codes import refresh_stored_codes
from reporting import summaries
from reporting.models import DeliverableUpdate, IndicatorResult, ProgressReport, ReportingCycle, ResultBreakdown
from reporting.stored_statuses import refresh_stored_statuses

from .build_commitments import CommitmentsMixin
from .build_focal_points import FocalPointsMixin
from .build_history import HistoricalCommitment, HistoryMixin, history_link_models
from .build_makers import MakersMixin
from .build_measures import MeasuresMixin
from .build_reports import ReportsMixin
from .common import CHUNK_SIZE, EJR, GBV, MINIMUM_SIZE, MOVEMENTS, TECH, WPS, DemoRefused
from .showcase import SHOWCASE_LEADERS, showcase_commitments
from .weights import LEADING_CONSTITUENCIES, MAKER_COUNTRIES
from .writer import ROW_DEFAULTS, RowWriter, given_timestamps, indexes_built_after_load


class Chooser:
    """Weighted random choices that first hand out every value once, in
    order, so that even a small demo shows every status, type and kind.
    `weights` and `allowed` must be long-lived objects (module constants):
    the restricted weights are cached by their identity."""

    def __init__(self, weighted):
        self.weighted = weighted
        self.pending = {}
        self.restricted = {}

    def pick(self, name, weights, allowed=None):
        pending = self.pending.setdefault(name, list(weights))
        if pending:
            for index, value in enumerate(pending):
                if allowed is None or value in allowed:
                    del pending[index]
                    return value
        if allowed is None or allowed is weights:
            return self.weighted(weights)
        key = (id(weights), id(allowed))
        if key not in self.restricted:
            self.restricted[key] = {value: weight for value, weight in weights.items() if value in allowed}
        return self.weighted(self.restricted[key])


class DemoBuilder(FocalPointsMixin, MakersMixin, CommitmentsMixin, HistoryMixin, ReportsMixin, MeasuresMixin):
    """Builds the demo in one transaction and returns what it created.

    `size` is the number of commitments (open amendments come on top, about
    one in a hundred); makers number about a quarter of that, and at least
    every showcase maker plus one of every constituency."""

    def __init__(self, *, size=400, seed=2021, chunk_size=CHUNK_SIZE, log=None):
        self.size = size
        self.rng = random.Random(seed)
        self._tables = {}
        self.chooser = Chooser(self.weighted)
        self.writer = RowWriter()
        self.chunk_size = chunk_size
        self.log = log or (lambda message: None)
        # Every generated moment lies before the start of today, so that two
        # runs on the same day with the same seed build the same demo (a
        # status depends on a commitment's age).
        self.today = timezone.localdate()
        self.now = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        self.first_year = self.today.year - 5  # the Paris Forum, for a demo built in 2026
        self.counts = Counter()
        self.leaders = {}

    # Public -------------------------------------------------------------------

    def build(self):
        specs = showcase_commitments()
        if self.size < MINIMUM_SIZE:
            raise DemoRefused(f"The demo needs at least {MINIMUM_SIZE} commitments to show everything.")
        loaded = [
            Commitment,
            ProgressReport,
            ReviewEvent,
            Indicator,
            Deliverable,
            IndicatorResult,
            ResultBreakdown,
            DeliverableUpdate,
            *(field.remote_field.through for field in Commitment._meta.many_to_many),
            HistoricalCommitment,
            *history_link_models().values(),
        ]
        started = time.monotonic()

        def done(what):
            self.log(f"  {what} ({time.monotonic() - started:.1f} s)")

        with (
            transaction.atomic(),
            given_timestamps(CommitmentMaker, Membership, Commitment, ReviewEvent, ProgressReport),
        ):
            self._load_reference_data()
            self._create_cycles()
            self._create_staff()
            self._create_makers()
            done(f"{len(self.makers):,} makers and their members")
            with indexes_built_after_load(*loaded):
                self._create_commitments(specs, done)
                Commitment.objects.filter(amends__isnull=True).assign_missing_references()
                if not self.writer.copy:
                    # Without ids up front the versions were written before
                    # the references existed.
                    HistoricalCommitment.objects.filter(reference__isnull=True, amends_id__isnull=True).update(
                        reference=Subquery(Commitment.objects.filter(pk=OuterRef("id")).values("reference")[:1])
                    )
                self._create_measures(done)
            if self.writer.copy:
                done("indexes and constraints rebuilt")
            self._measure_figures(done)
            self._create_leaders()
            self._create_focal_points()
            self._create_unverified_maker()
            # The data was written in bulk, past the services: the stored
            # reporting statuses are worked out once, in SQL, for all of it.
            refresh_stored_statuses()
            done("reporting statuses stored")
            # The links went in by COPY, which tells no signal.
            refresh_stored_codes()
            done("link codes stored")
        done("committed")
        if connection.vendor == "postgresql":
            # Every row was written or rewritten since autovacuum last looked:
            # without fresh statistics and visibility maps the catalogue's
            # first queries at 100,000 commitments took 230-380 ms instead of
            # 80-110. VACUUM cannot run inside a transaction: a seed called
            # from one (a test's) gets the statistics alone.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
            done("statistics refreshed")
        # The public pages' figures, as the worker would after a change.
        summaries.refresh_all()
        done("public figures stored")
        return self.counts

    # Reference data and cycles ---------------------------------------------------

    def _load_reference_data(self):
        self.coalitions = {coalition.slug: coalition for coalition in ActionCoalition.objects.all()}
        self.coalition_slugs = [coalition.slug for coalition in sorted(self.coalitions.values(), key=lambda c: c.order)]
        self.areas = {
            (area.coalition.slug, area.number): area.pk for area in ActionArea.objects.select_related("coalition")
        }
        self.areas_of = {slug: [pk for (s, _n), pk in self.areas.items() if s == slug] for slug in self.coalitions}
        self.themes = dict(Theme.objects.values_list("slug", "pk"))
        self.theme_slugs = sorted(self.themes)
        countries = {country.code: country for country in Country.objects.all()}
        self.country_names = {code: country.name for code, country in countries.items()}
        self.country_region = {code: country.region for code, country in countries.items()}
        self.region_countries = {
            region: [code for code in codes.split() if self.country_region.get(code) == region]
            for region, codes in MAKER_COUNTRIES.items()
        }
        self.region_labels = dict(Region.choices)
        coalition_weights = {slug: 16 for slug in self.coalition_slugs}
        coalition_weights.update({GBV: 24, EJR: 20, MOVEMENTS: 14, WPS: 10, TECH: 12})
        self.coalition_weights = coalition_weights

    def _create_cycles(self):
        """Four closed cycles and one open today, whatever the date: past
        cycles ran from February to April, the current one opened two months
        ago and closes in two months."""
        self.cycles = []
        year = self.today.year
        for past in range(year - 4, year):
            cycle, _created = ReportingCycle.objects.update_or_create(
                year=past,
                defaults={"opens_on": datetime.date(past, 2, 1), "closes_on": datetime.date(past, 4, 30)},
            )
            self.cycles.append(cycle)
        current, _created = ReportingCycle.objects.update_or_create(
            year=year,
            defaults={
                "opens_on": self.today - datetime.timedelta(days=60),
                "closes_on": self.today + datetime.timedelta(days=60),
            },
        )
        self.cycles.append(current)
        self.open_cycle = current
        self.last_closed = self.cycles[-2]
        # When reports are written: from 8:00 on the opening day to 17:00 on
        # the closing day, or to now in the open cycle.
        self.cycle_windows = {
            cycle.pk: (
                self._moment(cycle.opens_on.year, cycle.opens_on.month, cycle.opens_on.day, hour=8),
                self.now
                if cycle is current
                else self._moment(cycle.closes_on.year, cycle.closes_on.month, cycle.closes_on.day, hour=17),
            )
            for cycle in self.cycles
        }
        self.counts["reporting cycles"] = len(self.cycles)

    # Rows ------------------------------------------------------------------------------

    def _insert_objects(self, model, objects, fields):
        """Insert plain objects whose attributes are named like the model's
        fields (lighter than model instances) and set their `pk`."""
        ids = self.writer.new_ids(model, len(objects))
        if ids:
            for obj, pk in zip(objects, ids, strict=True):
                obj.pk = pk
            rows = [[obj.pk, *(getattr(obj, name) for name in fields)] for obj in objects]
            self.writer.insert(model, ["id", *fields], rows)
            return
        rows = [[getattr(obj, name) for name in fields] for obj in objects]
        for obj, pk in zip(objects, self.writer.insert(model, fields, rows), strict=True):
            obj.pk = pk

    def _insert_with_ids(self, model, fields, rows, ids=None):
        """Insert dict `rows` and set row["id"] on each, whichever way the
        writer learns the ids."""
        ids = ids or self.writer.new_ids(model, len(rows))
        if ids:
            for row, pk in zip(rows, ids, strict=True):
                row["id"] = pk
            fields = ["id", *fields]
        returned = self.writer.insert(
            model, fields, [[row.get(name, ROW_DEFAULTS.get(name)) for name in fields] for row in rows]
        )
        if not ids:
            for row, pk in zip(rows, returned, strict=True):
                row["id"] = pk

    # Leaders ------------------------------------------------------------------------------

    def _remember_leader_candidate(self, maker, coalitions, row):
        """The first few makers (other than the showcase ones) of a leading
        kind with an approved commitment in a coalition co-lead it."""
        if maker.pk in self.showcase_maker_ids or maker.constituency not in LEADING_CONSTITUENCIES:
            return
        for slug in coalitions:
            leaders = self.leaders.setdefault(slug, {})
            if len(leaders) < 3 and maker.pk not in leaders:
                leaders[maker.pk] = max(2021, row["published_at"].year)

    def _create_leaders(self):
        rows = [
            CoalitionLeader(coalition=self.coalitions[slug], maker_id=self.showcase_maker[key].pk, since=since)
            for key, slug, since in SHOWCASE_LEADERS
        ]
        for slug, leaders in self.leaders.items():
            rows += [
                CoalitionLeader(coalition=self.coalitions[slug], maker_id=maker_id, since=since)
                for maker_id, since in leaders.items()
            ]
        CoalitionLeader.objects.bulk_create(rows)
        self.counts["coalition leaders"] = len(rows)

    # Randomness and time --------------------------------------------------------------------

    def weighted(self, weights):
        """A value drawn from a {value: weight} mapping; the cumulative
        weights are worked out once per mapping."""
        table = self._tables.get(id(weights))
        if table is None:
            table = self._tables[id(weights)] = (list(weights), list(itertools.accumulate(weights.values())))
        values, cumulative = table
        return values[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def _moment(self, year, month, day, hour=9):
        return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)

    def _between(self, start, end):
        if end <= start:
            return start
        return start + datetime.timedelta(seconds=int(self.rng.uniform(0, (end - start).total_seconds())))

    def _after(self, moment, low_days, high_days, limit=None):
        """A moment some days after `moment`, never past `limit` (now by
        default) and never before `moment`."""
        limit = min(limit or self.now, self.now)
        later = moment + datetime.timedelta(seconds=int(self.rng.uniform(low_days, high_days) * 86400))
        if later > limit:
            later = max(moment, limit - datetime.timedelta(seconds=int(self.rng.uniform(0, 3600))))
        return later


def build_demo(*, size=400, seed=2021, log=None):
    """Build the demo and return (counts, demo users)."""
    builder = DemoBuilder(size=size, seed=seed, log=log)
    counts = builder.build()
    return counts, builder.demo_users
