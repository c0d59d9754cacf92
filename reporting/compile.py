"""The figures of the annual accountability report, computed in the database.

`compile_figures(cycle, snapshot_at)` returns a JSON-ready dict; it reads and
never writes, so that compiling the same cycle at the same snapshot twice
gives the same figures. Every figure is one GROUP BY or one aggregate query:
the number of queries is fixed, whatever the number of commitments.

Definitions, as of the snapshot time `snapshot_at`:

- Approved commitments: status `approved` and `published_at <= snapshot_at`.
  Withdrawn commitments are not counted; amendments are never approved rows.
  Statuses are read as they are now: the data model keeps no history of a
  status to roll back to, so the snapshot bounds publication only.
- Makers: the distinct makers holding at least one approved commitment.
- Active in the cycle: approved commitments with
  `start_year <= cycle.year <= end_year`.
- Counted progress reports: reports for the cycle whose status is `submitted`
  or `accepted`, on an approved commitment.
- Reporting rate: active commitments with a counted report, divided by active
  commitments (a report on a commitment not active that year is not counted).
- USD committed: the sum of `financial_amount_usd` of approved commitments.
  USD reported disbursed: the sum of `amount_disbursed_usd` of counted reports.
- Region: the UN Women region of the maker's country. Country: the countries a
  commitment names. Breakdowns over a many-to-many (coalition, action area,
  country) count a commitment once in each of its groups, so their rows add up
  to more than the total; the totals count each commitment once.
- Challenge frequencies: how many counted reports cite each challenge. On
  PostgreSQL with jsonb containment (`challenges @> '["funding"]'`), elsewhere
  with SQLite's json_each; both in SQL, one query for all challenges.
- Change: against the latest succeeded report of the cycle just before this
  one, when that cycle has one.

Money is carried as strings with two decimals ("1234.50") so that no float
rounding creeps into sums of many large amounts; rates are fractions rounded
to four decimals.
"""

from contextlib import contextmanager
from decimal import Decimal

from django.db import connection
from django.db.models import BooleanField, Count, Q, Sum
from django.db.models.expressions import RawSQL

from coalitions.models import ActionArea, ActionCoalition, Country, Region
from commitments.models import TYPE_FLAGS, CommitmentType, Constituency, Scope

from .figure_base import (
    active_commitments,
    approved_commitments,
    counted_reports,
    figure_table,
    money,
    rate,
    reported_active_reports,
)
from .measure_figures import MEASURE_STEPS
from .models import AccountabilityReport, Challenge, ImplementationStatus

SCHEMA_VERSION = 1

# The headline figures compared from one cycle to the next, in display order.
TOTAL_KEYS = (
    "makers",
    "commitments",
    "usd_committed",
    "active_commitments",
    "reported_commitments",
    "reporting_rate",
    "reports",
    "usd_disbursed",
)


def _cites(code):
    """A condition on a progress report row: its challenges list holds `code`."""
    if connection.vendor == "postgresql":
        return Q(challenges__contains=[code])
    # SQLite has no JSON containment lookup in Django; json_each is its
    # table-valued function over a JSON array.
    return Q(
        RawSQL(
            'EXISTS (SELECT 1 FROM json_each("reporting_progressreport"."challenges") WHERE json_each.value = %s)',
            [code],
            output_field=BooleanField(),
        )
    )


def _commitment_figures(queryset, group_by):
    """makers, commitments and USD committed per value of `group_by`."""
    rows = (
        queryset.values(group_by)
        .annotate(
            makers=Count("maker", distinct=True),
            commitments=Count("id", distinct=True),
            usd=Sum("financial_amount_usd"),
        )
        .order_by()
    )
    return {row[group_by]: row for row in rows}


def _figure_row(key, label, found, **extra):
    found = found or {}
    return {
        "key": key,
        "label": str(label),
        **extra,
        "makers": found.get("makers", 0),
        "commitments": found.get("commitments", 0),
        "usd_committed": money(found.get("usd")),
    }


FIGURE_COLUMNS = ("label", "makers", "commitments", "usd_committed")


def totals(cycle, snapshot_at, codes=None):
    approved = approved_commitments(snapshot_at, codes).aggregate(
        makers=Count("maker", distinct=True), commitments=Count("id"), usd=Sum("financial_amount_usd")
    )
    active = active_commitments(cycle, snapshot_at, codes).aggregate(active=Count("id"))
    active["reported"] = reported_active_reports(cycle, snapshot_at, codes).count()
    reports = counted_reports(cycle, snapshot_at, codes).aggregate(reports=Count("id"), usd=Sum("amount_disbursed_usd"))
    return {
        "makers": approved["makers"],
        "commitments": approved["commitments"],
        "usd_committed": money(approved["usd"]),
        "active_commitments": active["active"],
        "reported_commitments": active["reported"],
        "reporting_rate": rate(active["reported"], active["active"]),
        "reports": reports["reports"],
        "usd_disbursed": money(reports["usd"]),
    }


def by_coalition(cycle, snapshot_at, codes=None):
    found = _commitment_figures(approved_commitments(snapshot_at, codes), "coalitions")
    rows = [
        _figure_row(coalition.slug, coalition.name, found.get(coalition.pk))
        for coalition in ActionCoalition.objects.order_by("order", "name")
    ]
    return figure_table("by_coalition", FIGURE_COLUMNS, rows)


def by_action_area(cycle, snapshot_at, codes=None):
    found = _commitment_figures(approved_commitments(snapshot_at, codes), "action_areas")
    rows = [
        _figure_row(
            f"{area.coalition.slug}-{area.number}",
            f"{area.number}. {area.title}",
            found.get(area.pk),
            coalition=area.coalition.short_name,
        )
        for area in ActionArea.objects.select_related("coalition").order_by("coalition__order", "number")
    ]
    return figure_table("by_action_area", ("label", "coalition", *FIGURE_COLUMNS[1:]), rows)


def by_constituency(cycle, snapshot_at, codes=None):
    found = _commitment_figures(approved_commitments(snapshot_at, codes), "maker__constituency")
    rows = [_figure_row(code, label, found.get(code)) for code, label in Constituency.choices]
    return figure_table("by_constituency", FIGURE_COLUMNS, rows)


def by_region(cycle, snapshot_at, codes=None):
    found = _commitment_figures(approved_commitments(snapshot_at, codes), "maker__country__region")
    rows = [_figure_row(code, label, found.get(code)) for code, label in Region.choices]
    return figure_table("by_region", FIGURE_COLUMNS, rows)


def by_country(cycle, snapshot_at, codes=None):
    """Only the countries that some approved commitment names, most first."""
    found = _commitment_figures(approved_commitments(snapshot_at, codes).filter(countries__isnull=False), "countries")
    if codes is not None:
        # A country's report lists its own row, a region's those of its
        # countries: the other countries its commitments also name are not
        # its business.
        found = {code: row for code, row in found.items() if code in codes}
    names = dict(Country.objects.filter(pk__in=list(found)).values_list("code", "name"))
    rows = [_figure_row(code, names[code], figures) for code, figures in found.items()]
    rows.sort(key=lambda row: (-row["commitments"], row["label"]))
    return figure_table("by_country", FIGURE_COLUMNS, rows)


def by_type(cycle, snapshot_at, codes=None):
    """A commitment of several types counts once under each of them."""
    aggregates = {}
    for code, flag in TYPE_FLAGS.items():
        condition = Q(**{flag: True})
        aggregates[f"{code}_makers"] = Count("maker", distinct=True, filter=condition)
        aggregates[f"{code}_commitments"] = Count("id", filter=condition)
        aggregates[f"{code}_usd"] = Sum("financial_amount_usd", filter=condition)
    found = approved_commitments(snapshot_at, codes).aggregate(**aggregates)
    rows = [
        _figure_row(
            code,
            label,
            {
                "makers": found[f"{code}_makers"],
                "commitments": found[f"{code}_commitments"],
                "usd": found[f"{code}_usd"],
            },
        )
        for code, label in CommitmentType.choices
    ]
    return figure_table("by_type", FIGURE_COLUMNS, rows)


def by_scope(cycle, snapshot_at, codes=None):
    found = _commitment_figures(approved_commitments(snapshot_at, codes), "scope")
    rows = [_figure_row(code, label, found.get(code)) for code, label in Scope.choices]
    return figure_table("by_scope", FIGURE_COLUMNS, rows)


def _reporting_rate_by(cycle, snapshot_at, group_by, codes=None):
    """Active and reported commitments per value of `group_by` (a path from
    Commitment)."""
    active = active_commitments(cycle, snapshot_at, codes).values(group_by).annotate(active=Count("id")).order_by()
    found = {row[group_by]: {"active": row["active"], "reported": 0} for row in active}
    reported = (
        reported_active_reports(cycle, snapshot_at, codes)
        .values(f"commitment__{group_by}")
        .annotate(reported=Count("id"))
        .values_list(f"commitment__{group_by}", "reported")
    )
    for key, count in reported:
        found.setdefault(key, {"active": 0, "reported": 0})["reported"] = count
    return found


def _rate_row(key, label, found):
    found = found or {"active": 0, "reported": 0}
    return {
        "key": key,
        "label": str(label),
        "active_commitments": found["active"],
        "reported_commitments": found["reported"],
        "reporting_rate": rate(found["reported"], found["active"]),
    }


RATE_COLUMNS = ("label", "active_commitments", "reported_commitments", "reporting_rate")


def reporting_rate_by_coalition(cycle, snapshot_at, codes=None):
    found = _reporting_rate_by(cycle, snapshot_at, "coalitions", codes)
    rows = [
        _rate_row(coalition.slug, coalition.name, found.get(coalition.pk))
        for coalition in ActionCoalition.objects.order_by("order", "name")
    ]
    return figure_table("reporting_rate_by_coalition", RATE_COLUMNS, rows)


def reporting_rate_by_constituency(cycle, snapshot_at, codes=None):
    found = _reporting_rate_by(cycle, snapshot_at, "maker__constituency", codes)
    rows = [_rate_row(code, label, found.get(code)) for code, label in Constituency.choices]
    return figure_table("reporting_rate_by_constituency", RATE_COLUMNS, rows)


def implementation_status(cycle, snapshot_at, codes=None):
    found = dict(
        counted_reports(cycle, snapshot_at, codes)
        .values("implementation_status")
        .annotate(reports=Count("id"))
        .values_list("implementation_status", "reports")
    )
    whole = sum(found.values())
    rows = [
        {"key": code, "label": str(label), "reports": found.get(code, 0), "share": rate(found.get(code, 0), whole)}
        for code, label in ImplementationStatus.choices
    ]
    return figure_table("implementation_status", ("label", "reports", "share"), rows)


def implementation_status_by_coalition(cycle, snapshot_at, codes=None):
    """Counted reports per coalition and implementation status: one GROUP BY,
    laid out as a coalition-by-status grid."""
    found = {
        (coalition, status): reports
        for coalition, status, reports in counted_reports(cycle, snapshot_at, codes)
        .values("commitment__coalitions", "implementation_status")
        .annotate(reports=Count("id"))
        .values_list("commitment__coalitions", "implementation_status", "reports")
    }
    rows = []
    for coalition in ActionCoalition.objects.order_by("order", "name"):
        row = {"key": coalition.slug, "label": coalition.name}
        for code in ImplementationStatus.values:
            row[code] = found.get((coalition.pk, code), 0)
        row["reports"] = sum(row[code] for code in ImplementationStatus.values)
        rows.append(row)
    return figure_table("implementation_status_by_coalition", ("label", *ImplementationStatus.values, "reports"), rows)


def challenges(cycle, snapshot_at, codes=None):
    reports = counted_reports(cycle, snapshot_at, codes)
    found = reports.aggregate(
        __all__=Count("id"), **{code: Count("id", filter=_cites(code)) for code in Challenge.values}
    )
    rows = [
        {"key": code, "label": str(label), "reports": found[code], "share": rate(found[code], found["__all__"])}
        for code, label in Challenge.choices
    ]
    return figure_table("challenges", ("label", "reports", "share"), rows)


def previous_report(cycle, country=None, region=""):
    """The latest succeeded report of the same scope for the cycle just before
    `cycle`, if any."""
    from .models import ReportingCycle

    before = ReportingCycle.objects.filter(year__lt=cycle.year).order_by("-year").first()
    if before is None:
        return None
    return (
        AccountabilityReport.objects.of_scope(country=country, region=region)
        .filter(cycle=before, status=AccountabilityReport.Status.SUCCEEDED)
        .order_by("-version")
        .first()
    )


def change(current_totals, previous):
    """The headline figures against those of `previous` (a report), or None."""
    if previous is None or not previous.data.get("totals"):
        return None
    before = previous.data["totals"]
    rows = []
    for key in TOTAL_KEYS:
        now, then = current_totals.get(key), before.get(key)
        if key.startswith("usd_"):
            difference = money(Decimal(now) - Decimal(then)) if None not in (now, then) else None
        elif None in (now, then):
            difference = None
        else:
            difference = round(now - then, 4) if isinstance(now, float) or isinstance(then, float) else now - then
        rows.append({"key": key, "label": key, "previous": then, "current": now, "change": difference})
    return {
        "year": previous.cycle.year,
        "version": previous.version,
        "table": figure_table("change", ("label", "previous", "current", "change"), rows),
    }


# The tables, in the order the report shows them.
TABLE_STEPS = (
    by_coalition,
    by_action_area,
    by_constituency,
    by_region,
    by_country,
    by_type,
    by_scope,
    reporting_rate_by_coalition,
    reporting_rate_by_constituency,
    implementation_status,
    implementation_status_by_coalition,
    challenges,
    *MEASURE_STEPS,
)


def compile_figures(cycle, snapshot_at, on_step=None, country=None, region=""):
    """Every figure of the report for `cycle` as of `snapshot_at`, as a dict
    ready for JSON. `on_step(done, total)` is called after each step, so that
    a caller can report progress (and notice it lost its job).

    With `country` (a code) or `region` (a Region code), the figures of the
    approved commitments naming that country, or any of the region's
    countries: the same definitions, so a country's totals are the global
    report's `by_country` row for it."""
    steps = 1 + len(TABLE_STEPS) + 1
    notify = on_step or (lambda done, total: None)
    scope = {"country": country, "region": region}
    if country is not None:
        codes = [country]
    elif region:
        codes = list(Country.objects.filter(region=region).order_by("code").values_list("code", flat=True))
    else:
        codes = None
    with _without_jit():
        return _compile(cycle, snapshot_at, steps, notify, codes, scope)


@contextmanager
def _without_jit():
    """PostgreSQL's JIT compiler spends more time compiling these short
    aggregates than running them (0.7 s of 1.5 s per query at 100,000
    commitments), so it is off for the compile's session while it runs."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")


def _compile(cycle, snapshot_at, steps, notify, codes, scope):
    figures = {
        "schema": SCHEMA_VERSION,
        "cycle": {"year": cycle.year, "opens_on": cycle.opens_on.isoformat(), "closes_on": cycle.closes_on.isoformat()},
        "snapshot_at": snapshot_at.isoformat(),
        "scope": {"country": scope["country"] or "", "region": scope["region"] or ""},
        "totals": totals(cycle, snapshot_at, codes),
        "tables": [],
    }
    notify(1, steps)
    for number, step in enumerate(TABLE_STEPS, start=2):
        figures["tables"].append(step(cycle, snapshot_at, codes))
        notify(number, steps)
    figures["change"] = change(figures["totals"], previous_report(cycle, **scope))
    notify(steps, steps)
    return figures
