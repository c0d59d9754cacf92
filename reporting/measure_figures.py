"""The accountability report's figures about whether promises were kept:
results against the standard indicators, deliverables delivered on time,
money disbursed against money committed, SMART scores and the secretariat's
assessments beside the makers' own status.

Same rules as reporting.compile: every table is one or two GROUP BY queries
whatever the number of commitments, reads as of the snapshot, and with
`codes` counts only the commitments naming those countries. Definitions:

- Results: the actual values of the counted progress reports of the cycle
  (submitted or accepted, on an approved commitment), for indicators tied to
  a standard indicator, summed per standard indicator and per coalition of
  the commitment (a commitment in two coalitions counts in both) or per
  region of its maker. Values are the cycle's own figures, never running
  totals, so summing makers' results is meaningful. The breakdown sums the
  parts of those results by sex, age group and disability; its share is the
  part over the results of that indicator that were broken down along that
  dimension.
- Deliverables: those of approved commitments due by the cycle's year. On
  time: delivered, and a progress report said so in a cycle no later than the
  year it was due. Late: delivered otherwise. Open: not started or in
  progress. Statuses are read as they are now, like commitments' statuses.
- Disbursed against committed: USD committed by approved commitments; USD
  disbursed in the cycle and to date (the counted reports of every cycle up to
  this one: each report gives the amount of its own year, so the sum is the
  cumulative figure); over committed: commitments whose reported disbursements
  to date exceed the amount committed (allowed, and flagged).
- SMART scores: approved commitments per score, 0 to 5.
- Assessments: counted reports of the cycle per self-reported implementation
  status and per the secretariat's assessment ("not assessed" while a report
  waits for review or was accepted without one).
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from coalitions.models import ActionCoalition, Region, StandardIndicator, Unit
from commitments.measure_models import Deliverable, DeliverableStatus
from commitments.models import Commitment
from commitments.smart import CRITERIA

from .figure_base import approved_commitments, counted_reports, figure_table, money, naming, rate
from .models import Assessment, ImplementationStatus, ProgressReport
from .result_models import CATEGORIES, Dimension, IndicatorResult, ResultBreakdown

NOT_ASSESSED = "not_assessed"


def _fraction(part, whole):
    """part / whole as a float rounded like every rate, or None."""
    return float(rate(part, whole)) if whole else None


def _counted_results(cycle, snapshot_at, codes):
    """The results of the cycle's counted reports, for standard indicators."""
    queryset = IndicatorResult.objects.filter(
        report__cycle=cycle,
        report__status__in=ProgressReport.COUNTED,
        report__commitment__status=Commitment.Status.APPROVED,
        report__commitment__published_at__lte=snapshot_at,
        indicator__standard__isnull=False,
    ).exclude(indicator__standard__unit=Unit.PERCENT)
    if codes is not None:
        queryset = queryset.filter(report__commitment_id__in=naming(codes))
    return queryset.order_by()


def _standards():
    """The standard indicators whose results add up: a percentage of one
    maker's programme plus another's is no figure at all."""
    return list(StandardIndicator.objects.exclude(unit=Unit.PERCENT).order_by("order", "name"))


def _results_by(cycle, snapshot_at, codes, group_by):
    rows = (
        _counted_results(cycle, snapshot_at, codes)
        .values("indicator__standard", group_by)
        .annotate(result=Sum("value"), commitments=Count("report__commitment", distinct=True))
        .values_list("indicator__standard", group_by, "result", "commitments")
    )
    return {(standard, group): (result, commitments) for standard, group, result, commitments in rows}


def _result_row(key, standard, found, **extra):
    result, commitments = found
    return {
        "key": key,
        "label": str(standard.name),
        # Codes beside the names, so that the rows read in any language
        # (reporting/report_language.py).
        "standard": standard.code,
        "unit_code": standard.unit,
        **extra,
        "unit": str(standard.get_unit_display()),
        "commitments": commitments,
        "result": money(result),
    }


RESULT_COLUMNS = ("label", "unit", "commitments", "result")


def results_by_standard_indicator(cycle, snapshot_at, codes=None):
    """Each standard indicator's results in the cycle, each result once."""
    found = {
        row["indicator__standard"]: (row["result"], row["commitments"])
        for row in _counted_results(cycle, snapshot_at, codes)
        .values("indicator__standard")
        .annotate(result=Sum("value"), commitments=Count("report__commitment", distinct=True))
    }
    rows = [
        _result_row(standard.code, standard, found.get(standard.pk, (None, 0)))
        for standard in _standards()
        if standard.pk in found or standard.active
    ]
    return figure_table("results_by_standard_indicator", RESULT_COLUMNS, rows)


def results_by_coalition(cycle, snapshot_at, codes=None):
    """Per standard indicator and coalition, only where something was reported."""
    found = _results_by(cycle, snapshot_at, codes, "report__commitment__coalitions")
    coalitions = list(ActionCoalition.objects.order_by("order", "name"))
    rows = [
        _result_row(
            f"{standard.code}-{coalition.slug}",
            standard,
            found[standard.pk, coalition.pk],
            coalition=coalition.short_name,
        )
        for standard in _standards()
        for coalition in coalitions
        if (standard.pk, coalition.pk) in found
    ]
    return figure_table("results_by_coalition", ("label", "coalition", *RESULT_COLUMNS[1:]), rows)


def results_by_region(cycle, snapshot_at, codes=None):
    """Per standard indicator and region of the maker, only where something was reported."""
    found = _results_by(cycle, snapshot_at, codes, "report__commitment__maker__country__region")
    rows = [
        _result_row(f"{standard.code}-{code}", standard, found[standard.pk, code], region=str(label))
        for standard in _standards()
        for code, label in Region.choices
        if (standard.pk, code) in found
    ]
    return figure_table("results_by_region", ("label", "region", *RESULT_COLUMNS[1:]), rows)


def results_breakdown(cycle, snapshot_at, codes=None):
    """The parts of the results by sex, age group and disability, per
    standard indicator, with each part's share of the results broken down
    along that dimension."""
    parts = ResultBreakdown.objects.filter(result__in=_counted_results(cycle, snapshot_at, codes).values("pk"))
    found = {
        (standard, dimension, category): value
        for standard, dimension, category, value in parts.values("result__indicator__standard", "dimension", "category")
        .annotate(value=Sum("value"))
        .values_list("result__indicator__standard", "dimension", "category", "value")
        .order_by()
    }
    rows = []
    for standard in _standards():
        for dimension in Dimension:
            values = {
                category: found.get((standard.pk, dimension.value, category)) for category in CATEGORIES[dimension]
            }
            whole = sum(value for value in values.values() if value is not None)
            if not whole:
                continue
            for category, label in CATEGORIES[dimension].items():
                value = values[category] or Decimal(0)
                rows.append(
                    {
                        "key": f"{standard.code}-{dimension.value}-{category}",
                        "label": str(standard.name),
                        "standard": standard.code,
                        "dimension_code": dimension.value,
                        "category_code": category,
                        "dimension": str(dimension.label),
                        "category": str(label),
                        "result": money(value),
                        "share": _fraction(value, whole),
                    }
                )
    return figure_table("results_breakdown", ("label", "dimension", "category", "result", "share"), rows)


DELIVERABLE_COLUMNS = ("label", "due", "delivered_on_time", "delivered_late", "open", "dropped", "on_time_rate")


def deliverables_by_coalition(cycle, snapshot_at, codes=None):
    """Deliverables due by the cycle's year: all of them, then per coalition."""
    due = Deliverable.objects.filter(
        commitment__in=approved_commitments(snapshot_at, codes).values("pk"), due_year__lte=cycle.year
    ).order_by()
    delivered = Q(status=DeliverableStatus.DELIVERED)
    on_time = delivered & Q(delivered_in__isnull=False, delivered_in__lte=F("due_year"))
    counts = {
        "due": Count("id"),
        "delivered_on_time": Count("id", filter=on_time),
        "delivered_late": Count("id", filter=delivered & ~on_time),
        "open": Count("id", filter=Q(status__in=[DeliverableStatus.NOT_STARTED, DeliverableStatus.IN_PROGRESS])),
        "dropped": Count("id", filter=Q(status=DeliverableStatus.DROPPED)),
    }
    whole = due.aggregate(**counts)
    per_coalition = {
        row.pop("commitment__coalitions"): row for row in due.values("commitment__coalitions").annotate(**counts)
    }

    def row(key, label, found):
        found = found or dict.fromkeys(counts, 0)
        return {
            "key": key,
            "label": str(label),
            **found,
            "on_time_rate": rate(found["delivered_on_time"], found["due"]),
        }

    rows = [row("all", _("All Action Coalitions"), whole)]
    rows += [
        row(coalition.slug, coalition.name, per_coalition.get(coalition.pk))
        for coalition in ActionCoalition.objects.order_by("order", "name")
    ]
    return figure_table("deliverables_by_coalition", DELIVERABLE_COLUMNS, rows)


def disbursed_by_coalition(cycle, snapshot_at, codes=None):
    approved = approved_commitments(snapshot_at, codes)
    committed = {
        row["coalitions"]: row
        for row in approved.values("coalitions").annotate(commitments=Count("id"), usd=Sum("financial_amount_usd"))
    }
    to_date = ProgressReport.objects.filter(
        cycle__year__lte=cycle.year, status__in=ProgressReport.COUNTED, commitment__in=approved.values("pk")
    ).order_by()
    disbursed = {
        row["commitment__coalitions"]: row
        for row in to_date.values("commitment__coalitions").annotate(
            to_date=Sum("amount_disbursed_usd"), in_cycle=Sum("amount_disbursed_usd", filter=Q(cycle=cycle))
        )
    }
    # Commitments whose disbursements to date exceed what they committed,
    # once per coalition they belong to.
    over = {}
    for coalition, _total, _amount in (
        to_date.values("commitment", "commitment__coalitions", "commitment__financial_amount_usd")
        .annotate(total=Sum("amount_disbursed_usd"))
        .filter(commitment__financial_amount_usd__isnull=False, total__gt=F("commitment__financial_amount_usd"))
        .values_list("commitment__coalitions", "total", "commitment__financial_amount_usd")
    ):
        over[coalition] = over.get(coalition, 0) + 1
    rows = []
    for coalition in ActionCoalition.objects.order_by("order", "name"):
        pledged = committed.get(coalition.pk, {})
        paid = disbursed.get(coalition.pk, {})
        usd_committed = pledged.get("usd") or Decimal(0)
        usd_to_date = paid.get("to_date") or Decimal(0)
        rows.append(
            {
                "key": coalition.slug,
                "label": str(coalition.name),
                "commitments": pledged.get("commitments", 0),
                "usd_committed": money(usd_committed),
                "usd_disbursed": money(paid.get("in_cycle")),
                "usd_disbursed_to_date": money(usd_to_date),
                "disbursed_share": _fraction(usd_to_date, usd_committed),
                "over_committed": over.get(coalition.pk, 0),
            }
        )
    columns = (
        "label",
        "commitments",
        "usd_committed",
        "usd_disbursed",
        "usd_disbursed_to_date",
        "disbursed_share",
        "over_committed",
    )
    return figure_table("disbursed_by_coalition", columns, rows)


def smart_scores(cycle, snapshot_at, codes=None):
    found = dict(
        approved_commitments(snapshot_at, codes)
        .values("smart_score")
        .annotate(commitments=Count("id"))
        .values_list("smart_score", "commitments")
    )
    whole = sum(found.values())
    rows = [
        {
            "key": str(score),
            "label": str(score),
            "commitments": found.get(score, 0),
            "share": rate(found.get(score, 0), whole),
        }
        for score in range(len(CRITERIA) + 1)
    ]
    return figure_table("smart_scores", ("label", "commitments", "share"), rows)


ASSESSMENT_COLUMNS = (*Assessment.values, NOT_ASSESSED)


def assessments_by_status(cycle, snapshot_at, codes=None):
    """The secretariat's assessments beside the makers' own status: counted
    reports of the cycle, one row per self-reported status."""
    found = {
        (status, assessment or NOT_ASSESSED): reports
        for status, assessment, reports in counted_reports(cycle, snapshot_at, codes)
        .values("implementation_status", "assessment")
        .annotate(reports=Count("id"))
        .values_list("implementation_status", "assessment", "reports")
    }
    rows = []
    for code, label in ImplementationStatus.choices:
        row = {"key": code, "label": str(label)}
        for assessment in ASSESSMENT_COLUMNS:
            row[assessment] = found.get((code, assessment), 0)
        row["reports"] = sum(row[assessment] for assessment in ASSESSMENT_COLUMNS)
        rows.append(row)
    return figure_table("assessments_by_status", ("label", *ASSESSMENT_COLUMNS, "reports"), rows)


# In the order the report shows them, after the commitments' tables.
MEASURE_STEPS = (
    results_by_standard_indicator,
    results_by_coalition,
    results_by_region,
    results_breakdown,
    deliverables_by_coalition,
    disbursed_by_coalition,
    smart_scores,
    assessments_by_status,
)
