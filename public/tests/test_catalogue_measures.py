"""The catalogue's SMART and progress: shown on every card, filtered by a
minimum SMART score and a progress range, sorted by either, with chips that
say what each filter is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory

pytestmark = pytest.mark.django_db


def scored(title, smart, progress):
    commitment = ApprovedCommitmentFactory(title=title)
    Commitment.objects.filter(pk=commitment.pk).update(smart_score=smart, progress=progress)
    return commitment


def titles(response):
    return [row.title for row in response.context["page"].rows]


def test_cards_show_the_smart_score_and_progress(client):
    scored("Shelters", 4, 35)
    scored("Hotline", 1, None)
    html = client.get("/commitments/").content.decode()
    assert "SMART 4/5" in html and "Progress 35%" in html
    assert '<meter min="0" max="100" value="35"' in html
    assert "Progress not measured" in html


def test_filter_by_minimum_smart_score_and_progress_and_sort_by_progress(client):
    scored("Far along", 5, 90)
    scored("Half way", 3, 50)
    scored("Vague", 1, 80)
    scored("Unmeasured", 4, None)
    response = client.get("/commitments/", {"smart_score_min": "3", "ordering": "-progress"})
    assert titles(response) == ["Far along", "Half way", "Unmeasured"]  # nothing measured comes last
    ranged = client.get("/commitments/", {"progress_min": "40", "progress_max": "85"})
    assert sorted(titles(ranged)) == ["Half way", "Vague"]
    chips = [chip.label for chip in ranged.context["chips"]]
    assert chips == ["Progress at least (%): 40%", "Progress at most (%): 85%"]
    by_smart = client.get("/commitments/", {"ordering": "-smart_score"})
    assert titles(by_smart)[0] == "Far along"
    assert "SMART score at least" in response.content.decode()


def _queries(client, how_many):
    Commitment.objects.all().delete()
    for n in range(how_many):
        scored(f"C{n}", n % 6, n * 2)
    client.get("/commitments/", {"smart_score_min": "1", "ordering": "-progress"})  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        client.get("/commitments/", {"smart_score_min": "1", "ordering": "-progress"})
    return len(queries)


def test_the_filtered_sorted_catalogue_runs_constant_queries(client):
    assert _queries(client, 3) == _queries(client, 15)
