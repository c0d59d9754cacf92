"""Searching commitments through the shared FilterSet: references, words in
the title, description and maker, typos and ranking (the last two on
PostgreSQL only, where the full-text and trigram indexes exist)."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Upper
from django.http import QueryDict

from commitments.models import Commitment, CommitmentMaker
from commitments.search import MakerDocument, Matches, NearlyContains
from commitments.tests.factories import ApprovedCommitmentFactory, MakerFactory
from conftest import require_or_skip
from reporting.filters import CommitmentFilterSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_text_search():
    """The PostgreSQL-only part of search; in CI a missing PostgreSQL fails
    these tests instead of skipping them."""
    require_or_skip(connection.vendor == "postgresql", "full-text search is PostgreSQL's (set DATABASE_URL)")


on_postgresql = pytest.mark.usefixtures("full_text_search")


def searched(text, **params):
    query = QueryDict(urlencode({"search": text, **params}, doseq=True))
    filterset = CommitmentFilterSet(query, queryset=Commitment.objects.public())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def test_a_reference_finds_exactly_that_commitment():
    wanted = ApprovedCommitmentFactory(title="Land rights for rural women")
    # Same year and the digits of the wanted one's number in its text: a
    # word search would find it too.
    ApprovedCommitmentFactory(title=f"Follow-up to {wanted.reference}", description=wanted.reference)

    assert searched(wanted.reference) == [wanted]
    assert searched(f"  {wanted.reference.lower()} ") == [wanted]


def test_an_unknown_reference_finds_nothing():
    ApprovedCommitmentFactory()

    assert searched("GE-1999-99999") == []


def test_the_maker_acronym_finds_its_commitments():
    maker = MakerFactory(name="United Nations Population Fund", acronym="UNFPA")
    theirs = [ApprovedCommitmentFactory(maker=maker, title=f"Midwives, round {n}") for n in range(2)]
    ApprovedCommitmentFactory(title="Midwives elsewhere")

    assert set(searched("unfpa")) == set(theirs)


def test_the_maker_name_finds_its_commitments():
    maker = MakerFactory(name="Fundación Mujeres del Sur", acronym="")
    theirs = ApprovedCommitmentFactory(maker=maker, title="Cooperatives")
    ApprovedCommitmentFactory(title="Cooperatives too")

    assert searched("mujeres del sur") == [theirs]


def test_every_word_must_match():
    both = ApprovedCommitmentFactory(title="Digital skills for girls", description="Coding clubs.")
    ApprovedCommitmentFactory(title="Digital banking", description="Mobile money.")

    assert searched("digital girls") == [both]


def test_a_search_never_shows_drafts():
    ApprovedCommitmentFactory(title="Menstrual health in schools")
    ApprovedCommitmentFactory(title="Menstrual health at work", status=Commitment.Status.DRAFT)

    assert [c.title for c in searched("menstrual")] == ["Menstrual health in schools"]


def test_a_title_match_ranks_above_a_description_match():
    by_description = ApprovedCommitmentFactory(title="Community radio", description="Programmes on cooperatives.")
    by_title = ApprovedCommitmentFactory(title="Cooperatives for women farmers", description="Seeds and credit.")

    # by_description is the newer: without ranking it would come first.
    assert searched("cooperatives") == [by_title, by_description]


def test_an_explicit_ordering_wins_over_relevance():
    by_title = ApprovedCommitmentFactory(title="Cooperatives", start_year=2025, end_year=2026)
    by_description = ApprovedCommitmentFactory(description="About cooperatives.", start_year=2022)

    assert searched("cooperatives", ordering="start_year") == [by_description, by_title]


@on_postgresql
def test_a_word_finds_longer_words_it_begins():
    shelters = ApprovedCommitmentFactory(title="Emergency housing", description="Safe houses and hotlines.")

    assert searched("hous") == [shelters]


@on_postgresql
def test_a_typo_still_finds_the_title():
    wanted = ApprovedCommitmentFactory(title="Menstrual hygiene in schools", description="Pads and toilets.")
    ApprovedCommitmentFactory(title="Land rights", description="Titles for widows.")

    assert searched("menstral hygiene") == [wanted]


@on_postgresql
def test_a_typo_in_a_maker_name_still_finds_its_commitments():
    maker = MakerFactory(name="Equimundo Center for Masculinities", acronym="")
    theirs = ApprovedCommitmentFactory(maker=maker, title="Fathers' leave")
    ApprovedCommitmentFactory(title="Fathers' leave elsewhere")

    assert searched("Equimudno") == [theirs]


@on_postgresql
def test_an_exact_match_ranks_above_a_near_miss():
    exact = ApprovedCommitmentFactory(title="Mentoring for young women", description="Mentors.")
    near = ApprovedCommitmentFactory(title="Mentorship for young women", description="Circles.")

    assert searched("mentoring")[0] == exact
    assert near in searched("mentoring")


@on_postgresql
def test_a_maker_match_ranks_between_title_and_description_matches():
    maker = MakerFactory(name="Oxfam International", acronym="")
    by_description = ApprovedCommitmentFactory(title="Radio", description="With oxfam partners.")
    by_maker = ApprovedCommitmentFactory(maker=maker, title="Care work")
    by_title = ApprovedCommitmentFactory(title="Oxfam and the care economy", description="Care.")

    assert searched("oxfam") == [by_title, by_maker, by_description]


def plan_of(queryset):
    """The plan PostgreSQL picks when no table may be read whole: on a
    test-sized table it would rightly read the table, so this shows which
    indexes can serve the query."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return plan


@on_postgresql
def test_a_word_search_is_served_by_the_full_text_and_trigram_indexes():
    # Over every status: the public-only partial index would otherwise
    # serve a test-sized table.
    plan = plan_of(CommitmentFilterSet(QueryDict("search=cooperatives"), queryset=Commitment.objects.all()).qs)

    assert "commitment_search_document" in plan
    assert "commitment_title_trigram" in plan


@on_postgresql
def test_the_maker_lookup_is_served_by_its_indexes():
    makers = CommitmentMaker.objects.filter(
        Q(Matches(MakerDocument(), Value("oxfam:*"))) | Q(NearlyContains(Upper("name"), Upper(Value("oxfam"))))
    )

    plan = plan_of(makers)
    assert "maker_search_document" in plan
    assert "maker_name_trigram" in plan
