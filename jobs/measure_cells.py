"""A commitment's indicators in one spreadsheet cell, read by the
commitments import and written by the commitments export, so that an export
can be edited and imported back.

Indicators are separated by ";" (or a line break); each is its parts
separated by "|":

    name | unit | baseline | baseline year | target | target year [| standard indicator code]

for example "Women candidates trained | people | 0 | 2023 | 500 | 2026".
The unit is one of `Unit`'s codes, and may be left empty when a standard
indicator gives it. Numbers are ASCII digits with an optional decimal point
(thousands separators are dropped), years four digits.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from coalitions.models import StandardIndicator, Unit
from commitments.measure_models import DeliverableStatus
from reporting.result_models import CATEGORIES

YEAR = re.compile(r"[0-9]{4}")
NUMBER = re.compile(r"[0-9]{1,16}(?:\.[0-9]{1,2})?")
THOUSANDS = (",", " ", "\u00a0", "\u202f", "'")
INDICATOR_SEPARATORS = re.compile(r"[;\n]")
PARTS = ("name", "unit", "baseline_value", "baseline_year", "target_value", "target_year")
FORMAT = "name | unit | baseline | baseline year | target | target year | standard code"


def _number(text):
    for separator in THOUSANDS:
        text = text.replace(separator, "")
    return Decimal(text) if NUMBER.fullmatch(text) else None


def standards_by_code():
    return {standard.code: standard for standard in StandardIndicator.objects.all()}


def parse_indicators(text, standards):
    """([{field: value}], [message]) for an indicators cell; `standards` maps
    standard indicator codes to rows. The messages name the indicator by its
    position in the cell and say what to write instead."""
    indicators, errors = [], []
    items = [item.strip() for item in INDICATOR_SEPARATORS.split(text) if item.strip()]
    seen = set()
    for position, item in enumerate(items, start=1):
        parts = [part.strip() for part in item.split("|")]
        label = _("Indicator %(position)d (%(name)s)") % {"position": position, "name": parts[0][:40]}
        if len(parts) not in (len(PARTS), len(PARTS) + 1):
            errors.append(
                _("%(label)s: write %(count)d parts separated by |: %(format)s.")
                % {"label": label, "count": len(PARTS), "format": FORMAT}
            )
            continue
        name, unit, baseline, baseline_year, target, target_year = parts[:6]
        problems = []
        if not name:
            problems.append(_("give its name"))
        elif name.casefold() in seen:
            problems.append(_("the same name as another indicator in the cell"))
        standard = None
        if len(parts) == 7 and parts[6]:
            standard = standards.get(parts[6])
            if standard is None:
                problems.append(_("no standard indicator has the code %(code)s") % {"code": parts[6]})
        if unit and unit not in Unit.values:
            problems.append(_("the unit is one of %(units)s") % {"units": ", ".join(Unit.values)})
        elif not unit and standard is None:
            problems.append(_("give its unit (%(units)s)") % {"units": ", ".join(Unit.values)})
        values = {}
        for field, cell, problem in (
            ("baseline_value", baseline, _("the baseline is a number of 0 or more, e.g. 1200")),
            ("target_value", target, _("the target is a number of 0 or more, e.g. 1200")),
        ):
            values[field] = _number(cell)
            if values[field] is None:
                problems.append(problem)
        for field, cell, problem in (
            ("baseline_year", baseline_year, _("the baseline year is four digits 0-9, e.g. 2025")),
            ("target_year", target_year, _("the target year is four digits 0-9, e.g. 2025")),
        ):
            values[field] = int(cell) if YEAR.fullmatch(cell) else None
            if values[field] is None:
                problems.append(problem)
        if problems:
            errors.append(_("%(label)s: %(problems)s.") % {"label": label, "problems": "; ".join(problems)})
            continue
        seen.add(name.casefold())
        indicators.append({"name": name, "unit": unit, "standard": standard, **values})
    return indicators, errors


def _plain(value):
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def indicators_cell(indicators):
    """The cell `parse_indicators` reads back, for rows with `standard`
    selected (or prefetched)."""
    items = []
    for indicator in indicators:
        parts = [
            indicator.name.replace("|", "/").replace(";", ","),
            indicator.unit,
            _plain(indicator.baseline_value),
            str(indicator.baseline_year),
            _plain(indicator.target_value),
            str(indicator.target_year),
        ]
        if indicator.standard_id:
            parts.append(indicator.standard.code)
        items.append(" | ".join(parts))
    return "; ".join(items)


# A progress report's results and deliverables ------------------------------------
#
# The progress import names a commitment's indicators and deliverables by
# their names, since the focal point reads them off the commitment's page:
#
#     results:       name = value [| dimension: category=number, …]; …
#     deliverables:  title = status; …
#
# for example "Women candidates trained = 120 | sex: female=70, male=50" and
# "Training manual = delivered". Reading a cell gives what it says; matching
# the names against one commitment (`match_results`, `match_deliverables`)
# gives the shapes reporting.results checks.

MEASURE_SEPARATORS = INDICATOR_SEPARATORS


def _key(name):
    return " ".join(name.split()).casefold()


def _named_items(text):
    """[(position, name, rest)] of a cell of `name = rest` items; `rest` is
    None when an item has no "=" before its first "|"."""
    items = []
    for position, item in enumerate((item.strip() for item in MEASURE_SEPARATORS.split(text)), start=1):
        if not item:
            continue
        head, bar, tail = item.partition("|")
        name, equals, value = head.rpartition("=")
        items.append((position, name.strip(), (value + bar + tail).strip() if equals else None))
    return items


def _breakdown(parts, label):
    """{dimension: {category: number}} of `dimension: category=number, …`
    parts, or a message."""
    breakdown = {}
    for part in parts:
        dimension, colon, pairs = part.partition(":")
        dimension = dimension.strip().casefold().replace(" ", "_")
        if not colon or dimension not in CATEGORIES:
            return None, _("%(label)s: a breakdown is written “dimension: category=number, …” with %(names)s.") % {
                "label": label,
                "names": ", ".join(CATEGORIES),
            }
        categories = {}
        for pair in (pair.strip() for pair in pairs.split(",")):
            category, equals, number = pair.partition("=")
            category = category.strip().casefold().replace(" ", "_")
            value = _number(number.strip())
            if not equals or value is None:
                return None, _("%(label)s: write each part as category=number, e.g. female=70.") % {"label": label}
            categories[category] = value
        breakdown[dimension] = categories
    return breakdown, ""


def parse_results(text):
    """([{"name", "value", "breakdown"}], [message]) for a results cell."""
    results, errors = [], []
    for position, name, rest in _named_items(text):
        label = _("Result %(position)d (%(name)s)") % {"position": position, "name": name[:40]}
        if not name or rest is None:
            errors.append(
                _("%(label)s: write the indicator's name, “=” and the value, e.g. People trained = 120.")
                % {"label": label}
            )
            continue
        value_text, *parts = (part.strip() for part in rest.split("|"))
        value = _number(value_text)
        if value is None:
            errors.append(_("%(label)s: the value is a number of 0 or more, e.g. 1200.") % {"label": label})
            continue
        breakdown, problem = _breakdown([part for part in parts if part], label)
        if problem:
            errors.append(problem)
            continue
        results.append({"name": name, "value": value, "breakdown": breakdown})
    return results, errors


def parse_deliverables(text):
    """([{"name", "status"}], [message]) for a deliverables cell; the status
    is a code or its English label."""
    updates, errors = [], []
    for position, name, status in _named_items(text):
        label = _("Deliverable %(position)d (%(name)s)") % {"position": position, "name": name[:40]}
        key = (status or "").casefold().replace(" ", "_")
        code = next(
            (code for code, text in DeliverableStatus.choices if key in (code, str(text).casefold().replace(" ", "_"))),
            None,
        )
        if not name or code is None:
            errors.append(
                _("%(label)s: write the deliverable's title, “=” and its status (%(statuses)s).")
                % {"label": label, "statuses": ", ".join(DeliverableStatus.values)}
            )
            continue
        updates.append({"name": name, "status": code})
    return updates, errors


def _match(items, rows, missing):
    """Pair each item with the row of the same name (case and spacing aside);
    `missing` is the message for a name that is not there."""
    by_name = {_key(str(row)): row for row in rows}
    names = "; ".join(map(str, rows)) or _("none")
    matched, errors = [], []
    for item in items:
        row = by_name.get(_key(item["name"]))
        if row is None:
            errors.append(missing % {"name": item["name"], "names": names})
        else:
            matched.append((item, row))
    return matched, errors


def match_results(results, indicators):
    """The `results` shape of reporting.results for `indicators` (one
    commitment's), and a message for each name that is not among them."""
    missing = _("No indicator of this commitment is called “%(name)s” (its indicators: %(names)s).")
    matched, errors = _match(results, indicators, missing)
    return [
        {"indicator": indicator.pk, "value": item["value"], "breakdown": item["breakdown"]}
        for item, indicator in matched
    ], errors


def match_deliverables(updates, deliverables):
    """The `deliverable_updates` shape for `deliverables` (one commitment's),
    and a message for each title that is not among them."""
    missing = _("No deliverable of this commitment is called “%(name)s” (its deliverables: %(names)s).")
    matched, errors = _match(updates, deliverables, missing)
    return [{"deliverable": deliverable.pk, "status": item["status"]} for item, deliverable in matched], errors
