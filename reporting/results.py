"""What a progress report says was achieved, checked and written for the
report services: results against the commitment's indicators (with their
breakdowns), the deliverables' status, and the money of the year in its own
currency. Also the money over every cycle: the cumulative amount disbursed
against the amount committed, which may exceed it (flagged, never refused).

The shapes the services accept in their `data`:

    "results": [{"indicator": <Indicator or id>, "value": Decimal, "note": "",
                 "breakdown": {"sex": {"female": 60, "male": 40}, …}}, …]
    "deliverable_updates": [{"deliverable": <Deliverable or id>, "status": "delivered"}, …]
    "amount_disbursed_original": Decimal, "currency": "KES", "usd_rate": Decimal

Given, `results` and `deliverable_updates` replace the report's own; left
out, they are kept.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pycountry
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from commitments.models import Deliverable, DeliverableStatus, Indicator

from .models import ProgressReport
from .result_models import CATEGORIES, DeliverableUpdate, IndicatorResult, ResultBreakdown

COUNTED = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)
CENT = Decimal("0.01")
MONEY_FIELDS = ("amount_disbursed_original", "currency", "usd_rate")


def _pk(value):
    return getattr(value, "pk", value)


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "invalid"


# Money -----------------------------------------------------------------------------


def is_currency(code):
    return bool(code) and pycountry.currencies.get(alpha_3=code) is not None


def check_money(report):
    """The original amount, its currency and the rate go together; the USD
    amount is then original × rate, rounded to cents. Refusals by field."""
    report.currency = (report.currency or "").strip().upper()
    original, rate, currency = report.amount_disbursed_original, report.usd_rate, report.currency
    errors = {}
    if currency and not is_currency(currency):
        errors["currency"] = [_("This is not an ISO 4217 currency code (e.g. KES, EUR, XOF).")]
    if original is not None:
        if not currency:
            errors.setdefault("currency", [_("Say which currency the amount is in.")])
        if rate is None:
            errors["usd_rate"] = [_("Give the rate used to convert the amount to US dollars.")]
        elif rate <= 0:
            errors["usd_rate"] = [_("The rate must be above zero.")]
    elif currency or rate is not None:
        errors["amount_disbursed_original"] = [
            _("Give the amount in its currency, or leave the currency and rate empty.")
        ]
    if errors:
        raise ValidationError(errors)
    if original is not None:
        report.amount_disbursed_usd = (original * rate).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Disbursed:
    """The money of a commitment over its cycles: `total` disbursed (USD),
    the amount `committed` (None when none is stated), and whether the total
    passes it."""

    total: Decimal
    committed: object

    @property
    def share(self):
        if not self.committed:
            return None
        return float(self.total / self.committed)

    @property
    def over(self):
        return self.committed is not None and self.total > self.committed


def disbursed(commitment, *, report=None, amount=None):
    """The cumulative amount disbursed on `commitment` by its counted
    reports; with `report` and `amount`, as it would be with that report
    saying `amount` (the form's or API's figure), counted or not (one query)."""
    reports = ProgressReport.objects.filter(commitment_id=commitment.pk, status__in=COUNTED)
    if report is not None and report.pk:
        reports = reports.exclude(pk=report.pk)
    total = reports.aggregate(total=Sum("amount_disbursed_usd"))["total"] or Decimal(0)
    if amount is not None:
        total += Decimal(amount)
    return Disbursed(total=total, committed=commitment.financial_amount_usd)


def disbursed_warning(commitment, *, report=None, amount=None):
    """A warning (not an error) when the cumulative disbursed passes the
    amount committed; "" otherwise."""
    money = disbursed(commitment, report=report, amount=amount)
    if not money.over:
        return ""
    return _(
        "The amounts disbursed add up to %(total)s USD, more than the %(committed)s USD committed. "
        "Check the figures; if they are right, the report can still be saved."
    ) % {"total": f"{money.total:,.2f}", "committed": f"{money.committed:,.2f}"}


# Results -------------------------------------------------------------------------


def check_results(commitment, results):
    """Check `results` against the commitment's indicators and return them
    as rows to write: [(indicator, value, note, [(dimension, category, value)])]."""
    if not isinstance(results, (list, tuple)):
        raise ValidationError({"results": [_("Results must be a list.")]})
    indicators = {row.pk: row for row in Indicator.objects.filter(commitment_id=commitment.pk)}
    errors, rows, seen = [], [], set()
    for item in results:
        pk = _pk(item.get("indicator"))
        indicator = indicators.get(pk)
        if indicator is None:
            errors.append(_("Indicator %(id)s belongs to another commitment.") % {"id": pk})
            continue
        if pk in seen:
            errors.append(_at(indicator, _("%(indicator)s has two results; give one.") % {"indicator": indicator}))
            continue
        seen.add(pk)
        value = _decimal(item.get("value"))
        if value is None or value == "invalid" or value < 0:
            message = _("%(indicator)s: give the actual value, a number of 0 or more.") % {"indicator": indicator}
            errors.append(_at(indicator, message))
            continue
        parts, part_errors = _check_breakdown(indicator, value, item.get("breakdown") or {})
        errors.extend(_at(indicator, message) for message in part_errors)
        rows.append((indicator, value, (item.get("note") or "")[:500], parts))
    if errors:
        raise ValidationError({"results": errors})
    return rows


def _at(item, message):
    """A refusal about one indicator or deliverable, with its code naming it
    (`indicator-12`, `deliverable-3`), so that a form shows it at that
    item's field; the message is the same wherever it is shown."""
    return ValidationError(message, code=f"{item._meta.model_name}-{item.pk}")


def _check_breakdown(indicator, value, breakdown):
    if not breakdown:
        return [], []
    if not indicator.counts_people:
        return [], [_("%(indicator)s does not count people, so it has no breakdown.") % {"indicator": indicator}]
    parts, errors = [], []
    if not isinstance(breakdown, dict):
        return [], [_("%(indicator)s: a breakdown is given per dimension.") % {"indicator": indicator}]
    for dimension, categories in breakdown.items():
        known = CATEGORIES.get(dimension)
        if known is None:
            errors.append(
                _("%(indicator)s: unknown dimension “%(name)s”.") % {"indicator": indicator, "name": dimension}
            )
            continue
        unknown = sorted(set(categories) - set(known))
        if unknown:
            errors.append(
                _("%(indicator)s: unknown categories of %(dimension)s: %(names)s.")
                % {"indicator": indicator, "dimension": dimension, "names": ", ".join(map(str, unknown))}
            )
            continue
        numbers = {category: _decimal(number) for category, number in categories.items()}
        if any(number is None or number == "invalid" or number < 0 for number in numbers.values()):
            errors.append(
                _("%(indicator)s: every part of a breakdown is a number of 0 or more.") % {"indicator": indicator}
            )
            continue
        total = sum(numbers.values(), Decimal(0))
        if total != value:
            errors.append(
                _("%(indicator)s: the parts by %(dimension)s add up to %(parts)s, not %(value)s.")
                % {"indicator": indicator, "dimension": dimension, "parts": total, "value": value}
            )
            continue
        parts.extend((dimension, category, number) for category, number in numbers.items())
    return parts, errors


def check_deliverable_updates(commitment, updates):
    if not isinstance(updates, (list, tuple)):
        raise ValidationError({"deliverable_updates": [_("Deliverable updates must be a list.")]})
    deliverables = {row.pk: row for row in Deliverable.objects.filter(commitment_id=commitment.pk)}
    errors, rows = [], {}
    for item in updates:
        pk = _pk(item.get("deliverable"))
        if pk not in deliverables:
            errors.append(_("Deliverable %(id)s belongs to another commitment.") % {"id": pk})
        elif item.get("status") not in DeliverableStatus.values:
            message = _("%(deliverable)s: choose a status from the list.") % {"deliverable": deliverables[pk]}
            errors.append(_at(deliverables[pk], message))
        else:
            rows[pk] = (deliverables[pk], item["status"])
    if errors:
        raise ValidationError({"deliverable_updates": errors})
    return list(rows.values())


def write_results(report, rows):
    """Replace the report's results with `rows` (from check_results)."""
    IndicatorResult.objects.filter(report=report).delete()
    results = IndicatorResult.objects.bulk_create(
        [
            IndicatorResult(report=report, indicator=indicator, value=value, note=note)
            for indicator, value, note, _p in rows
        ]
    )
    ResultBreakdown.objects.bulk_create(
        [
            ResultBreakdown(result=result, dimension=dimension, category=category, value=number)
            for result, (_i, _v, _n, parts) in zip(results, rows, strict=True)
            for dimension, category, number in parts
        ]
    )


def write_deliverable_updates(report, rows):
    DeliverableUpdate.objects.filter(report=report).delete()
    DeliverableUpdate.objects.bulk_create(
        [DeliverableUpdate(report=report, deliverable=deliverable, status=status) for deliverable, status in rows]
    )


def apply_deliverable_updates(report):
    """Set the deliverables' status from the report's updates (when it is
    submitted or accepted); `delivered_in` is the report's cycle year the
    first time one is delivered."""
    year = report.cycle.year
    updates = DeliverableUpdate.objects.filter(report=report).select_related("deliverable")
    for update in updates:
        deliverable = update.deliverable
        if deliverable.status == update.status:
            continue
        deliverable.status = update.status
        if update.status == DeliverableStatus.DELIVERED:
            deliverable.delivered_in = deliverable.delivered_in or year
        else:
            deliverable.delivered_in = None
        deliverable.save(update_fields=["status", "delivered_in", "updated_at"])
