"""A compiled report's figures in the reader's language.

A report is compiled once, in English (`jobs/report_compile.py`); its
figures are stored with the report (`AccountabilityReport.data`) with a code
beside every row label. The HTML report is rendered from them per request,
in the language of the address (/fr/reports/2025/v1.html): table titles,
column headers and totals are the interface's own strings, and the row
labels are looked up again from their codes (coalitions, constituencies,
action areas, regions, countries, types, scopes, implementation statuses,
challenges), as are the region and coalition columns; the rows of results
carry their standard indicator's code (and the breakdown's dimension and
category), so their names and units are looked up again too. A row without
its codes (a report compiled before they were stored) keeps its stored
names.
"""

import copy

from django.utils import translation
from django.utils.translation import gettext

from coalitions.models import ActionArea, ActionCoalition, Country, Region, StandardIndicator, Unit
from commitments.models import CommitmentType, Constituency, Scope

from .choices import ImplementationStatus
from .models import Challenge
from .result_models import CATEGORIES, Dimension

COALITION_ROWS = {
    "by_coalition",
    "reporting_rate_by_coalition",
    "implementation_status_by_coalition",
    "disbursed_by_coalition",
    "deliverables_by_coalition",
}
CHOICE_ROWS = {
    "by_constituency": Constituency,
    "reporting_rate_by_constituency": Constituency,
    "by_region": Region,
    "by_type": CommitmentType,
    "by_scope": Scope,
    "implementation_status": ImplementationStatus,
    "assessments_by_status": ImplementationStatus,
    "challenges": Challenge,
}


def in_reader_language(data):
    """A copy of a report's stored figures with its row labels in the active
    language. Four queries (coalitions, action areas, countries, standard
    indicators), whatever the report."""
    coalitions = list(ActionCoalition.objects.values_list("slug", "name", "short_name", "short_name_en"))
    names = {slug: name for slug, name, _short, _short_en in coalitions}
    names["all"] = gettext("All Action Coalitions")
    short_names = {short_en: short for _slug, _name, short, short_en in coalitions}
    areas = {
        f"{slug}-{number}": f"{number}. {title}"
        for slug, number, title in ActionArea.objects.values_list("coalition__slug", "number", "title")
    }
    countries = dict(Country.objects.values_list("code", "name"))
    standards = dict(StandardIndicator.objects.values_list("code", "name"))
    units = {code: str(label) for code, label in Unit.choices}
    with translation.override("en"):
        english_regions = {str(label): code for code, label in Region.choices}
    regions = {english: str(dict(Region.choices)[code]) for english, code in english_regions.items()}

    result = copy.deepcopy(data)
    for table in result.get("tables", []):
        key = table["key"]
        labels = None
        if key in COALITION_ROWS:
            labels = names
        elif key == "by_country":
            labels = countries
        elif key == "by_action_area":
            labels = areas
        elif key in CHOICE_ROWS:
            labels = {code: str(label) for code, label in CHOICE_ROWS[key].choices}
        for row in table["rows"]:
            if labels is not None and row.get("key") in labels:
                row["label"] = labels[row["key"]]
            if "region" in row and row["region"] in regions:
                row["region"] = regions[row["region"]]
            if "coalition" in row and row["coalition"] in short_names:
                row["coalition"] = short_names[row["coalition"]]
            if row.get("standard") in standards:
                row["label"] = standards[row["standard"]]
            if row.get("unit_code") in units:
                row["unit"] = units[row["unit_code"]]
            if row.get("dimension_code") in Dimension.values:
                dimension = Dimension(row["dimension_code"])
                row["dimension"] = str(dimension.label)
                row["category"] = str(CATEGORIES[dimension].get(row.get("category_code"), row["category"]))
    return result
