"""The dashboard's world map: shapes shaded by approved commitments, each a
link to its country page, and the table beside it."""

import re

import pytest
from django.core.cache import cache

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory, CommitmentFactory
from public import world_map
from public.management.commands.build_world_map import build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def country_link(page, code):
    """The <a> of one country on the map: its class and accessible name."""
    match = re.search(rf'<a href="/countries/{code}/" class="map-country (map-bucket-\d)" aria-label="([^"]+)">', page)
    assert match, f"no map link for {code}"
    return match.groups()


def test_each_country_is_a_link_to_its_page_shaded_by_its_approved_commitments(client):
    for _ in range(8):
        ApprovedCommitmentFactory(countries=["KE"])
    ApprovedCommitmentFactory(countries=["TZ"])
    CommitmentFactory(countries=["BR"])  # a draft counts nowhere

    page = client.get("/").content.decode()

    assert country_link(page, "KE") == ("map-bucket-4", "Kenya: 8 approved commitments")
    assert country_link(page, "TZ") == ("map-bucket-1", "Tanzania: 1 approved commitment")
    assert country_link(page, "BR")[0] == "map-bucket-0"
    assert 'style="' not in page and "<style" not in page


def test_the_table_beside_the_map_lists_the_same_counts_most_first(client):
    ApprovedCommitmentFactory(countries=["KE", "TZ"])
    ApprovedCommitmentFactory(countries=["KE"])

    rows = client.get("/").context["world_map"]["rows"]

    assert [(row["code"], row["commitments"], row["url"]) for row in rows] == [
        ("KE", 2, "/countries/KE/"),
        ("TZ", 1, "/countries/TZ/"),
    ]


def test_the_legend_halves_the_top_count_so_every_shade_is_used():
    assert world_map.thresholds(100) == [13, 26, 51]
    assert [world_map.bucket_of(n, [13, 26, 51]) for n in (0, 1, 12, 13, 26, 50, 51, 100)] == [0, 1, 1, 2, 3, 3, 4, 4]
    # Few commitments: fewer shades rather than empty ones.
    assert world_map.thresholds(2) == [2]


def test_the_map_counts_are_cached_with_the_dashboard(client, django_assert_max_num_queries):
    ApprovedCommitmentFactory(countries=["KE"])
    client.get("/")
    Commitment.objects.update(status=Commitment.Status.WITHDRAWN)

    assert client.get("/").context["world_map"]["rows"][0]["commitments"] == 1


def test_the_build_command_turns_topojson_into_paths_with_alpha_2_codes():
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[36, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "404", "properties": {"name": "Kenya"}},
                    {"type": "Polygon", "arcs": [[0]], "id": "010", "properties": {"name": "Antarctica"}},
                ],
            }
        },
    }

    built = build(topology)

    assert [shape["code"] for shape in built["shapes"]] == ["KE"]
    assert built["shapes"][0]["d"].startswith("M600 233.3L605.6 233.3")
    assert built["shapes"][0]["d"].endswith("Z")


def test_the_committed_shapes_cover_the_countries_gentrack_knows():
    codes = {shape["code"] for shape in world_map.shapes()["shapes"]}

    assert {"KE", "TZ", "BA", "BR", "IN", "FR"} <= codes and len(codes) > 170
