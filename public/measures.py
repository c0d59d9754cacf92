"""What the public commitment page shows of a commitment's measures: its
indicators (baseline → latest → target, with a small chart over the cycles),
its deliverables, its SMART score and the money disbursed against the amount
committed. Read-only; a constant number of queries whatever the number of
indicators, results or cycles."""

from dataclasses import dataclass, field
from decimal import Decimal

from commitments import smart
from commitments.models import DeliverableStatus
from reporting import progress, results

# The chart's drawing box, in SVG user units (the CSS scales it).
CHART_WIDTH = 240
CHART_HEIGHT = 72
CHART_PAD = 8


@dataclass
class IndicatorView:
    """One indicator's row: reporting.progress's figures, placed on the chart."""

    progress: object  # reporting.progress.IndicatorProgress
    points: list = field(default_factory=list)  # (year, value, x, y), baseline first
    baseline_y: str = ""
    target_y: str = ""

    @property
    def indicator(self):
        return self.progress.indicator

    @property
    def latest(self):
        return self.progress.latest

    @property
    def percent(self):
        return self.progress.percent if self.progress.latest else None

    @property
    def polyline(self):
        return " ".join(f"{x},{y}" for _year, _value, x, y in self.points)


def _draw(row):
    """Chart coordinates: the baseline, then each cycle's result, between the
    lowest and highest of them, the baseline and the target."""
    indicator = row.indicator
    raw = [(indicator.baseline_year, indicator.baseline_value)] + [(p.year, p.value) for p in row.progress.series]
    values = [indicator.target_value, *(value for _year, value in raw)]
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    years = [indicator.target_year, *(year for year, _value in raw)]
    first, last = min(years), max(years)
    width, height = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD

    def y_of(value):
        return CHART_PAD + height - float((value - low) / span) * height

    def x_of(year):
        return CHART_PAD + (width * (year - first) / (last - first) if last > first else width / 2)

    # Coordinates as plain strings: the template's number filters would write
    # them with the reader's decimal comma.
    row.points = [(year, value, f"{x_of(year):.1f}", f"{y_of(value):.1f}") for year, value in raw]
    row.baseline_y, row.target_y = f"{y_of(indicator.baseline_value):.1f}", f"{y_of(indicator.target_value):.1f}"
    return row


def deliverable_rows(commitment):
    return [
        {
            "deliverable": deliverable,
            "delivered": deliverable.status == DeliverableStatus.DELIVERED,
            "on_time": deliverable.delivered_on_time,
        }
        for deliverable in commitment.deliverables.all()
    ]


def money(commitment):
    """Disbursed so far (reporting.results: each cycle's amount is that
    year's alone) against the amount committed; None before any amount."""
    figures = results.disbursed(commitment)
    if not figures.total:
        return None
    share = None if figures.share is None else round(figures.share * 100)
    return {
        "disbursed": figures.total,
        "committed": figures.committed,
        "percent": share,
        "bar": None if share is None else min(share, 100),
        "over": figures.over,
    }


def context(commitment, reports):
    figures = progress.progress_of(commitment)
    return {
        "indicators": [_draw(IndicatorView(progress=row)) for row in figures.indicators],
        "deliverables": deliverable_rows(commitment),
        "smart": smart.assess(smart.facts_of(commitment)),
        "money": money(commitment),
        "chart": {
            "width": str(CHART_WIDTH),
            "height": str(CHART_HEIGHT),
            "x1": str(CHART_PAD),
            "x2": str(CHART_WIDTH - CHART_PAD),
        },
    }
