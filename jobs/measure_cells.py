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
