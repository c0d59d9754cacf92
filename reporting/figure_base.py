"""What every figure of the accountability report is counted from, shared by
the report's tables (reporting.compile) and its measurable-commitment tables
(reporting.measure_figures): the approved commitments and the counted
progress reports as of the snapshot, optionally limited to the commitments
naming some countries, and how money and rates are written."""

from decimal import Decimal

from commitments.models import Commitment

from .models import ProgressReport

CENTS = Decimal("0.01")


def money(value):
    return str((value or Decimal(0)).quantize(CENTS))


def rate(part, whole):
    return round(part / whole, 4) if whole else None


def naming(codes):
    """The ids of the commitments naming any of the countries `codes`, as a
    subquery: a commitment naming two of a region's countries counts once."""
    return Commitment.countries.through.objects.filter(country_id__in=codes).values("commitment_id")


def approved_commitments(snapshot_at, codes=None):
    """Approved as of the snapshot; with `codes`, only those naming one of
    those countries (a country's or region's report)."""
    queryset = Commitment.objects.filter(status=Commitment.Status.APPROVED, published_at__lte=snapshot_at)
    if codes is not None:
        queryset = queryset.filter(pk__in=naming(codes))
    return queryset.order_by()


def active_commitments(cycle, snapshot_at, codes=None):
    return approved_commitments(snapshot_at, codes).filter(start_year__lte=cycle.year, end_year__gte=cycle.year)


def counted_reports(cycle, snapshot_at, codes=None):
    queryset = ProgressReport.objects.filter(
        cycle=cycle,
        status__in=ProgressReport.COUNTED,
        commitment__status=Commitment.Status.APPROVED,
        commitment__published_at__lte=snapshot_at,
    )
    if codes is not None:
        queryset = queryset.filter(commitment_id__in=naming(codes))
    return queryset.order_by()


def reported_active_reports(cycle, snapshot_at, codes=None):
    """Counted reports on commitments active in the cycle. A commitment has at
    most one report per cycle (a unique constraint), so counting these counts
    the active commitments reported on — with a join, not a subquery per
    commitment."""
    return counted_reports(cycle, snapshot_at, codes).filter(
        commitment__start_year__lte=cycle.year, commitment__end_year__gte=cycle.year
    )


def figure_table(key, columns, rows):
    return {"key": key, "columns": list(columns), "rows": rows}
