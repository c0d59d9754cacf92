"""Translated names sort as a reader of the language expects, whatever the
database's own collation (C on many servers: "Égypte" after "Zimbabwe",
Chinese by code point)."""

import pytest
from django.db import connection
from django.utils import translation

from coalitions.models import Country
from coalitions.translation import by_name
from commitments.tests.factories import ApprovedCommitmentFactory
from conftest import require_or_skip
from reporting import countries, summaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_postgresql():
    require_or_skip(connection.vendor == "postgresql", "PostgreSQL's ICU collations")


def test_country_names_sort_in_french_with_accents_among_their_letters(on_postgresql):
    with translation.override("fr"):
        names = list(
            Country.objects.filter(code__in=["ZA", "EG", "KE", "ZW"]).order_by(by_name()).values_list("name", flat=True)
        )

    assert names == ["Afrique du Sud", "Égypte", "Kenya", "Zimbabwe"]


def test_country_names_sort_in_chinese_by_pinyin(on_postgresql):
    with translation.override("zh-hans"):
        codes = list(
            Country.objects.filter(code__in=["CN", "JP", "AF"]).order_by(by_name()).values_list("code", flat=True)
        )

    assert codes == ["AF", "JP", "CN"]  # Ā fù hàn, Rì běn, Zhōng guó


def test_the_countries_index_lists_them_in_the_readers_order(client, on_postgresql):
    ApprovedCommitmentFactory().countries.set(["ZW", "ET", "KE", "ZA"])
    summaries.refresh_all()

    page = client.get("/fr/countries/")
    africa = next(region for region in page.context["regions"] if region["code"] == "africa")

    assert [row["code"] for row in africa["countries"]] == ["ZA", "ET", "KE", "ZW"]  # Éthiopie among the Es
    with translation.override("fr"):
        assert [row["code"] for row in countries.countries_with_commitments()] == ["ZA", "ET", "KE", "ZW"]
