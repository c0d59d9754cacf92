"""Turn Natural Earth's country shapes into the SVG path data of the
dashboard's world map, once, and write public/world_map.json (committed).

The shapes are Natural Earth's 1:110m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as packaged in TopoJSON
by the npm package `world-atlas` 2.x (ISC licence, Mike Bostock), whose ids are
ISO 3166-1 numeric codes; pycountry maps them to the alpha-2 codes gentrack
uses. To rebuild:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python manage.py build_world_map --source /tmp/package/countries-110m.json

Nothing is fetched at runtime: the page draws the committed paths.

The projection is equirectangular (longitude and latitude as x and y), cut at
60°S so Antarctica, which no commitment names, does not take a quarter of the
map; coordinates are rounded to a tenth of a unit of a 1000-wide view box,
and points that round to the one before are dropped, which keeps the file
near 100 kB for 176 countries.
"""

import json
from pathlib import Path

import pycountry
from django.core.management.base import BaseCommand, CommandError

OUTPUT = Path(__file__).resolve().parents[2] / "world_map.json"
WIDTH = 1000
NORTH, SOUTH = 84.0, -60.0
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE)
# Shapes world-atlas gives no numeric id; those gentrack knows get a code.
WITHOUT_NUMERIC = {"Kosovo": "XK"}
LEFT_OUT = {"010"}  # Antarctica


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude): TopoJSON stores them
    quantised and delta-encoded."""
    (scale_x, scale_y), (left, bottom) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + left, y * scale_y + bottom))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(longitude, latitude):
    latitude = min(max(latitude, SOUTH), NORTH)
    return round((longitude + 180) * SCALE, 1), round((NORTH - latitude) * SCALE, 1)


def path_data(polygons, arcs):
    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected = []
            for point in ring_points(ring, arcs):
                xy = project(*point)
                if not projected or xy != projected[-1]:
                    projected.append(xy)
            if len(projected) < 3:
                continue
            first, *rest = projected
            parts.append(f"M{first[0]:g} {first[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z")
    return "".join(parts)


def build(topology):
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        name = geometry.get("properties", {}).get("name", "")
        if numeric in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        if numeric is None:
            code = WITHOUT_NUMERIC.get(name)
        else:
            country = pycountry.countries.get(numeric=numeric)
            code = country.alpha_2 if country else None
        if code is None:
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        shapes.append({"code": code, "d": path_data(polygons, arcs)})
    shapes.sort(key=lambda shape: shape["code"])
    return {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the npm package world-atlas 2 (ISC)",
        "width": WIDTH,
        "height": HEIGHT,
        "shapes": shapes,
    }


class Command(BaseCommand):
    help = "Build public/world_map.json, the dashboard map's SVG paths, from world-atlas's countries-110m.json."

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="Path to world-atlas's countries-110m.json.")
        parser.add_argument("--output", default=str(OUTPUT), help="Where to write the paths (default: %(default)s).")

    def handle(self, *args, source, output, **options):
        try:
            with open(source, encoding="utf-8") as handle:
                topology = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {source}: {error}") from None
        result = build(topology)
        Path(output).write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {len(result['shapes'])} countries to {output}.")
