"""The figures of the public dashboard and the bar charts that draw them.

Every figure is aggregated in SQL (values().annotate()) by a worker, not per
request: `compute_figures` is registered with reporting.summaries, which
stores its result in PostgreSQL and refreshes it after changes (at most every
SUMMARY_MIN_SECONDS) and on a schedule. The stored figures hold codes and
numbers only; labels are looked up at render time so each language gets its
own words.
"""

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from coalitions.models import ActionCoalition, Region
from commitments.models import Commitment, Constituency
from reporting import summaries
from reporting.models import annotate_reporting_status, reporting_rate_of

FIGURES = "dashboard"


def approved():
    return Commitment.objects.filter(status=Commitment.Status.APPROVED)


def reporting_rate(day=None):
    """The reporting rate of every approved commitment
    (`reporting.models.reporting_rate_of`)."""
    day = day or timezone.localdate()
    by_status = dict(
        annotate_reporting_status(approved(), day)
        .order_by()
        .values("reporting_status")
        .annotate(commitments=Count("id"))
        .values_list("reporting_status", "commitments")
    )
    return reporting_rate_of(by_status, day)


def compute_figures():
    public = approved()
    totals = public.aggregate(commitments=Count("id"), usd=Sum("financial_amount_usd"))
    makers = public.values("maker_id").distinct().count()
    through = Commitment.coalitions.through.objects.filter(commitment__status=Commitment.Status.APPROVED)
    by_coalition = {
        row["actioncoalition_id"]: (row["commitments"], row["usd"] or Decimal(0))
        for row in through.values("actioncoalition_id").annotate(
            commitments=Count("commitment_id"), usd=Sum("commitment__financial_amount_usd")
        )
    }
    coalitions = list(ActionCoalition.objects.values("id", "slug"))
    by_constituency = {
        row["maker__constituency"]: (row["commitments"], row["usd"] or Decimal(0))
        for row in public.values("maker__constituency").annotate(
            commitments=Count("id"), usd=Sum("financial_amount_usd")
        )
    }
    by_region = {
        row["maker__country__region"]: (row["commitments"], row["usd"] or Decimal(0))
        for row in public.values("maker__country__region").annotate(
            commitments=Count("id"), usd=Sum("financial_amount_usd")
        )
    }
    return {
        "makers": makers,
        "commitments": totals["commitments"],
        "usd": totals["usd"] or Decimal(0),
        "rate": reporting_rate(),
        "by_coalition": [
            {
                "code": c["slug"],
                "commitments": by_coalition.get(c["id"], (0, 0))[0],
                "usd": by_coalition.get(c["id"], (0, Decimal(0)))[1],
            }
            for c in coalitions
        ],
        "by_constituency": [
            {
                "code": code,
                "commitments": by_constituency.get(code, (0, 0))[0],
                "usd": by_constituency.get(code, (0, Decimal(0)))[1],
            }
            for code in Constituency.values
        ],
        "by_region": [
            {
                "code": code,
                "commitments": by_region.get(code, (0, 0))[0],
                "usd": by_region.get(code, (0, Decimal(0)))[1],
            }
            for code in Region.values
        ],
    }


summaries.register(FIGURES, compute_figures)


def figures():
    """The stored figures, with `refreshed_at`: when they were computed."""
    result, refreshed_at = summaries.read(FIGURES)
    return {**result, "refreshed_at": refreshed_at}


# Charts -----------------------------------------------------------------------

BAR_HEIGHT = 18
LABEL_HEIGHT = 22
ROW_GAP = 14
# Bars never take the full width, so the number at the end of the longest
# one still fits.
MAX_BAR_PERCENT = 82
LABEL_WRAP = 36
LINE_HEIGHT = 16


@dataclass
class Bar:
    label: str
    label_lines: list
    value: int
    display: str
    url: str
    label_y: int
    bar_y: int
    value_y: int
    # Coordinates are strings formatted here, not floats: the template would
    # localise a float ("17,5" in French), which SVG reads as two numbers.
    width: str  # percent of the chart width
    x: str  # percent; where the bar starts (differs in right-to-left)
    value_x: str


@dataclass
class BarChart:
    """A horizontal bar chart drawn as inline SVG by partials/bar_chart.html:
    each row has its label on a line of its own (labels can be long and
    translated) with the bar and its value underneath. Percent coordinates
    let the bars stretch with the page while text keeps its real size."""

    id: str
    title: str
    bars: list
    height: int
    rtl: bool

    @property
    def label_x(self):
        return "100%" if self.rtl else "0"

    @property
    def anchor_start(self):
        # The SVG inherits the page's direction, and "start" follows it: the
        # right end of the text in Arabic, the left end otherwise.
        return "start"


def bar_chart(chart_id, title, rows, rtl=False):
    """`rows` are (label, value, display text, link) tuples."""
    top = max((value for _, value, _, _ in rows), default=0) or 1
    bars = []
    y = 0
    for label, value, display, url in rows:
        # SVG text does not wrap; long labels (and long translations) get
        # lines of their own so they fit a phone's width.
        lines = textwrap.wrap(label, LABEL_WRAP) or [""]
        y += (len(lines) - 1) * LINE_HEIGHT
        width = round(MAX_BAR_PERCENT * value / top, 2)
        if value and width < 0.5:
            width = 0.5
        x = 100 - width if rtl else 0
        value_x = x if rtl else width
        bars.append(
            Bar(
                label=label,
                label_lines=[(line, 0 if n == 0 else LINE_HEIGHT) for n, line in enumerate(lines)],
                value=value,
                display=display,
                url=url,
                label_y=y + 15 - (len(lines) - 1) * LINE_HEIGHT,
                bar_y=y + LABEL_HEIGHT,
                value_y=y + LABEL_HEIGHT + 14,
                width=f"{width:.2f}",
                x=f"{x:.2f}",
                value_x=f"{value_x:.2f}",
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return BarChart(id=chart_id, title=title, bars=bars, height=max(y - ROW_GAP + 4, 10), rtl=rtl)
