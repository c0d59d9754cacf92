"""The dashboard's world map: every country shaded by how many approved
commitments name it, each a link to its country page, with the same figures
as a table beside it for people who cannot read a map.

The shapes are public/world_map.json, SVG path data built once from Natural
Earth (public domain) by `manage.py build_world_map` and committed; nothing is
fetched at runtime, and shading is by CSS class (the CSP forbids inline
styles). The counts are one grouped query, cached for a minute like the rest
of the dashboard (`figures()`); the map itself is drawn at render time.
"""

import json
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse

from coalitions.models import Country
from commitments.models import Commitment

SHAPES_FILE = Path(__file__).resolve().parent / "world_map.json"
FIGURES_CACHE_KEY = "dashboard:world-map:v1"
FIGURES_CACHE_SECONDS = 60
BUCKETS = 4


@once
def shapes():
    """The committed path data, read once per process."""
    with open(SHAPES_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def compute_figures():
    """[code, name, approved commitments naming it] for every country that
    approved commitments name, most first; and the name of every country
    gentrack knows (the map links them all)."""
    counts = dict(
        Commitment.countries.through.objects.filter(commitment__status=Commitment.Status.APPROVED)
        .values("country_id")
        .annotate(n=Count("commitment_id"))
        .values_list("country_id", "n")
    )
    names = dict(Country.objects.values_list("code", "name"))
    rows = [[code, names.get(code, code), n] for code, n in counts.items()]
    rows.sort(key=lambda row: (-row[2], row[1]))
    return {"countries": rows, "names": names}


def figures():
    result = cache.get(FIGURES_CACHE_KEY)
    if result is None:
        result = compute_figures()
        cache.set(FIGURES_CACHE_KEY, result, FIGURES_CACHE_SECONDS)
    return result


def thresholds(top):
    """The lowest count of each shade above the first: the top count halved
    again and again (51+, 26–50, 13–25, 1–12 when the top is 100), so the
    legend reads at any size of the data."""
    bounds = []
    for step in range(BUCKETS - 1, 0, -1):
        bound = top // (2**step) + 1
        if bound > (bounds[-1] if bounds else 1):
            bounds.append(bound)
    return bounds


def bucket_of(count, bounds):
    """0 for none, then 1 to BUCKETS."""
    if not count:
        return 0
    return 1 + sum(count >= bound for bound in bounds)


@dataclass
class Shape:
    code: str
    name: str
    commitments: int
    bucket: int
    url: str
    d: str


def world_map(data):
    """What the template draws, from `figures()`: the shapes (linked when
    gentrack knows the country), the legend and the table rows."""
    counts = {code: n for code, _name, n in data["countries"]}
    names = data["names"]
    top = max(counts.values(), default=0)
    bounds = thresholds(top)
    drawn = shapes()
    result = []
    for shape in drawn["shapes"]:
        code = shape["code"]
        count = counts.get(code, 0)
        result.append(
            Shape(
                code=code,
                name=names.get(code, ""),
                commitments=count,
                bucket=bucket_of(count, bounds),
                url=reverse("country-detail", kwargs={"code": code}) if code in names else "",
                d=shape["d"],
            )
        )
    lows = [1, *bounds]
    legend = [
        {"bucket": n + 1, "low": low, "high": (lows[n + 1] - 1) if n + 1 < len(lows) else None}
        for n, low in enumerate(lows)
        if top
    ]
    rows = [
        {"code": code, "name": name, "commitments": n, "url": reverse("country-detail", kwargs={"code": code})}
        for code, name, n in data["countries"]
    ]
    return {"width": drawn["width"], "height": drawn["height"], "shapes": result, "legend": legend, "rows": rows}
