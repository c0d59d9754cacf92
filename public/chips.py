"""The active filters of the catalogue as removable chips, and the clean URL
of a query string with its empty parameters left out.

Chips are made from the FilterSet's cleaned data: the coalitions, themes,
areas, countries and maker were already fetched to filter, so the labels
cost no query. A value that did not validate has no chip; the error list
above the results names it instead.
"""

from dataclasses import dataclass

from django.http import QueryDict

from public.catalogue import NOT_FILTERS

# Shown as one chip per value; the rest (numbers, the search) as they are.
_MODEL_LABELS = {
    "coalition": lambda coalition: coalition.name,
    "theme": lambda theme: theme.name,
    "country": lambda country: country.name,
    "action_area": lambda area: f"{area.number}. {area.title}",
    "maker": lambda maker: maker.name,
}
# Numbers shown with their unit.
_NUMBER_FORMATS = {
    "smart_score_min": "{}/5",
    "progress_min": "{}%",
    "progress_max": "{}%",
}
_KEYS = {
    "coalition": lambda coalition: coalition.slug,
    "theme": lambda theme: theme.slug,
    "country": lambda country: country.code,
}


@dataclass
class Chip:
    label: str  # "Action Coalition: Gender-Based Violence"
    remove_url: str


def without_empty(params):
    """`params` without the parameters that have no value, and whether any
    was dropped. An empty search box or "any" select submits `name=`; such
    parameters select nothing and only make URLs that differ for the same
    page."""
    clean = QueryDict(mutable=True)
    dropped = False
    for name in params:
        for value in params.getlist(name):
            if value.strip() == "":
                dropped = True
            else:
                clean.appendlist(name, value)
    return clean, dropped


def _url(path, query):
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def _remove(path, params, name, value):
    query = params.copy()
    query.pop("page", None)
    remaining = [v for v in query.getlist(name) if v != value]
    if remaining:
        query.setlist(name, remaining)
    else:
        query.pop(name, None)
    return _url(path, query)


def active_filter_chips(filterset, params, path):
    """One chip per value of each filter in use, in the order of the form."""
    if not filterset.is_bound or not hasattr(filterset.form, "cleaned_data"):
        return []
    cleaned = filterset.form.cleaned_data
    chips = []
    for name, filter_ in filterset.filters.items():
        if name in NOT_FILTERS or name not in params or name not in cleaned:
            continue
        value = cleaned[name]
        if value in (None, "", [], ()):
            continue
        label = str(filter_.label)
        raw_values = params.getlist(name)
        if name in _MODEL_LABELS:
            objects = list(value) if hasattr(value, "__iter__") else [value]
            by_key = {str(_KEYS.get(name, lambda o: o.pk)(o)): o for o in objects}
            for raw in raw_values:
                obj = by_key.get(raw) or by_key.get(raw.upper() if name == "country" else raw)
                if obj is not None:
                    chips.append(Chip(f"{label}: {_MODEL_LABELS[name](obj)}", _remove(path, params, name, raw)))
        elif getattr(filter_, "extra", {}).get("choices"):
            names = {str(code): str(text) for code, text in filter_.extra["choices"]}
            for raw in raw_values:
                if raw in names:
                    chips.append(Chip(f"{label}: {names[raw]}", _remove(path, params, name, raw)))
        else:
            shown = _NUMBER_FORMATS.get(name, "{}")
            for raw in raw_values:
                chips.append(Chip(f"{label}: {shown.format(raw)}", _remove(path, params, name, raw)))
    return chips
