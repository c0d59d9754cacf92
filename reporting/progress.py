"""How far a commitment has come, from its results and deliverables.

The rule (the stored `Commitment.progress` and `progress_of` both follow it):

1. Only *counted* reports count: submitted or accepted ones (a draft or a
   returned report is the maker's work in progress).
2. Each indicator's share is the share of the way from its baseline to its
   target of its latest counted result (the one of the latest cycle year),
   capped between 0 and 1 (`Indicator.share_of_the_way`); an indicator
   without a counted result stands at its baseline: 0.
3. The deliverables' share is the number delivered over the number not
   dropped.
4. The commitment's progress is the mean of two parts, each counted once
   when present: the mean of its indicators' shares (when it has
   indicators) and the deliverables' share (when it has deliverables not
   dropped); as a percentage, rounded half up to a whole number. It is null
   when the commitment has neither: nothing is measurable.

For example, indicators at 0.5 and 1.0 (mean 0.75) and 1 of 2 deliverables
delivered (0.5) give (0.75 + 0.5) / 2 = 62.5, stored as 63.

`recompute_progress` writes the stored figure for any set of commitments in
one statement (the services call it for one; the backfill and seed_demo for
all); `progress_of` reads the detail behind it for one commitment's page in
three queries, and `indicator_series` the results of many indicators over
the cycles in one.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from commitments.models import Deliverable, DeliverableStatus, Indicator

from .models import ProgressReport
from .result_models import IndicatorResult

COUNTED = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)


@dataclass
class Point:
    year: int
    value: Decimal
    share: float


@dataclass
class IndicatorProgress:
    indicator: Indicator
    series: list = field(default_factory=list)

    @property
    def latest(self):
        return self.series[-1] if self.series else None

    @property
    def share(self):
        return self.latest.share if self.latest else 0.0

    @property
    def percent(self):
        return _percent(Decimal(str(self.share)))


@dataclass
class Progress:
    indicators: list
    delivered: int
    not_dropped: int
    percent: object  # int 0–100, or None when nothing is measurable

    @property
    def deliverable_share(self):
        return self.delivered / self.not_dropped if self.not_dropped else None


def _percent(share):
    return int((share * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _share(indicator, value):
    if value is None or indicator.target_value == indicator.baseline_value:
        return Decimal(0)
    share = (Decimal(value) - indicator.baseline_value) / (indicator.target_value - indicator.baseline_value)
    return max(Decimal(0), min(Decimal(1), share))


def indicator_series(indicators):
    """{indicator id: [Point(year, value, share)…]} over the counted cycles,
    oldest first, for all `indicators` in one query."""
    by_id = {indicator.pk: indicator for indicator in indicators}
    series = {pk: [] for pk in by_id}
    rows = (
        IndicatorResult.objects.filter(indicator_id__in=by_id, report__status__in=COUNTED)
        .order_by("indicator_id", "report__cycle__year")
        .values_list("indicator_id", "report__cycle__year", "value")
    )
    for pk, year, value in rows:
        indicator = by_id[pk]
        series[pk].append(Point(year=year, value=value, share=float(_share(indicator, value))))
    return series


def compute(indicator_shares, delivered, not_dropped):
    """The rule's step 4 from its inputs (Decimal shares); None when there is
    nothing to measure."""
    parts = []
    if indicator_shares:
        parts.append(sum(indicator_shares, Decimal(0)) / len(indicator_shares))
    if not_dropped:
        parts.append(Decimal(delivered) / not_dropped)
    if not parts:
        return None
    return _percent(sum(parts, Decimal(0)) / len(parts))


def progress_of(commitment):
    """The progress of one commitment, with its detail (three queries)."""
    indicators = list(Indicator.objects.filter(commitment_id=commitment.pk).select_related("standard"))
    series = indicator_series(indicators)
    rows = [IndicatorProgress(indicator=indicator, series=series[indicator.pk]) for indicator in indicators]
    statuses = list(Deliverable.objects.filter(commitment_id=commitment.pk).values_list("status", flat=True))
    not_dropped = sum(1 for status in statuses if status != DeliverableStatus.DROPPED)
    delivered = sum(1 for status in statuses if status == DeliverableStatus.DELIVERED)
    shares = [_share(row.indicator, row.latest.value if row.latest else None) for row in rows]
    return Progress(
        indicators=rows, delivered=delivered, not_dropped=not_dropped, percent=compute(shares, delivered, not_dropped)
    )


RECOMPUTE = """
WITH latest AS (
    SELECT DISTINCT ON (r.indicator_id) r.indicator_id, r.value
    FROM reporting_indicatorresult r
    JOIN reporting_progressreport p ON p.id = r.report_id
    JOIN reporting_reportingcycle y ON y.id = p.cycle_id
    WHERE p.status IN ('submitted', 'accepted') {report_filter}
    ORDER BY r.indicator_id, y.year DESC
), indicator_part AS (
    SELECT i.commitment_id,
           AVG(GREATEST(0, LEAST(1, COALESCE(
               (l.value - i.baseline_value) / NULLIF(i.target_value - i.baseline_value, 0), 0)))) AS share
    FROM commitments_indicator i LEFT JOIN latest l ON l.indicator_id = i.id
    {indicator_filter}
    GROUP BY i.commitment_id
), deliverable_part AS (
    SELECT d.commitment_id,
           COUNT(*) FILTER (WHERE d.status = 'delivered')::numeric / COUNT(*) AS share
    FROM commitments_deliverable d
    WHERE d.status <> 'dropped' {deliverable_filter}
    GROUP BY d.commitment_id
), figures AS (
    SELECT c.id,
           ROUND(100 * (COALESCE(ip.share, 0) + COALESCE(dp.share, 0))
                 / NULLIF((ip.share IS NOT NULL)::int + (dp.share IS NOT NULL)::int, 0))::smallint AS progress
    FROM commitments_commitment c
    LEFT JOIN indicator_part ip ON ip.commitment_id = c.id
    LEFT JOIN deliverable_part dp ON dp.commitment_id = c.id
    {commitment_filter}
)
UPDATE commitments_commitment c SET progress = f.progress
FROM figures f WHERE f.id = c.id AND c.progress IS DISTINCT FROM f.progress
"""


def recompute_progress(commitment_ids=None):
    """Store the progress of the given commitments (every one when None) in
    one UPDATE; returns the number of rows that changed."""
    if connection.vendor != "postgresql":
        return _recompute_in_python(commitment_ids)
    if commitment_ids is None:
        sql = RECOMPUTE.format(report_filter="", indicator_filter="", deliverable_filter="", commitment_filter="")
        params = []
    else:
        ids = [int(pk) for pk in commitment_ids]
        if not ids:
            return 0
        sql = RECOMPUTE.format(
            report_filter="AND p.commitment_id = ANY(%s)",
            indicator_filter="WHERE i.commitment_id = ANY(%s)",
            deliverable_filter="AND d.commitment_id = ANY(%s)",
            commitment_filter="WHERE c.id = ANY(%s)",
        )
        params = [ids] * 4
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _recompute_in_python(commitment_ids=None, chunk=500):
    """The same rule in Python, for the embedded SQLite default (no DISTINCT
    ON, no array parameters): a handful of queries per chunk of commitments,
    and one UPDATE per commitment whose figure changed."""
    from commitments.models import Commitment

    queryset = Commitment.objects.order_by("pk")
    if commitment_ids is not None:
        queryset = queryset.filter(pk__in=[int(pk) for pk in commitment_ids])
    ids = list(queryset.values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        indicators = list(Indicator.objects.filter(commitment_id__in=part))
        series = indicator_series(indicators)
        shares = {pk: [] for pk in part}
        for indicator in indicators:
            points = series[indicator.pk]
            shares[indicator.commitment_id].append(_share(indicator, points[-1].value if points else None))
        delivered = dict.fromkeys(part, 0)
        not_dropped = dict.fromkeys(part, 0)
        for commitment_id, status in Deliverable.objects.filter(commitment_id__in=part).values_list(
            "commitment_id", "status"
        ):
            if status != DeliverableStatus.DROPPED:
                not_dropped[commitment_id] += 1
            if status == DeliverableStatus.DELIVERED:
                delivered[commitment_id] += 1
        stored = dict(Commitment.objects.filter(pk__in=part).values_list("pk", "progress"))
        for pk in part:
            figure = compute(shares[pk], delivered[pk], not_dropped[pk])
            if figure != stored[pk]:
                changed += Commitment.objects.filter(pk=pk).update(progress=figure)
    return changed


def refresh_progress(commitment):
    """Store one commitment's progress (by instance or id)."""
    return recompute_progress([getattr(commitment, "pk", commitment)])


def _on_measures_changed(sender, commitment_id, **kwargs):
    refresh_progress(commitment_id)


def connect():
    """Keep the stored progress current when a commitment's deliverables or
    indicators change (called once from ReportingConfig.ready)."""
    from commitments.services import measures_changed

    measures_changed.connect(_on_measures_changed, dispatch_uid="reporting.progress")


__all__ = [
    "COUNTED",
    "Progress",
    "compute",
    "indicator_series",
    "progress_of",
    "recompute_progress",
    "refresh_progress",
]
