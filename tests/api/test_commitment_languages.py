"""The API reads and writes a commitment's language and its maker's
translations, through the same rules as the form."""

import pytest

from commitments.models import Commitment

from .test_writes import NEW_COMMITMENT

pytestmark = pytest.mark.django_db

FRENCH = {"title": "Compétences numériques pour 10 000 filles", "description": "Des clubs de code."}


def test_a_maker_writes_the_translations_and_everyone_reads_them(maker_client, member, anon):
    response = maker_client.post(
        "/api/v1/commitments/",
        {**NEW_COMMITMENT, "maker": member.maker.pk, "language": "en", "translations": {"fr": FRENCH}},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["language"], body["translations"]) == ("en", {"fr": FRENCH})
    commitment = Commitment.objects.get(pk=body["id"])
    assert commitment.translations == {"fr": FRENCH}

    detail = maker_client.get(f"/api/v1/commitments/{commitment.pk}/").json()
    assert detail["translations"] == {"fr": FRENCH}


def test_a_translation_into_the_commitments_own_language_is_refused_and_nothing_is_saved(maker_client, member):
    response = maker_client.post(
        "/api/v1/commitments/",
        {**NEW_COMMITMENT, "maker": member.maker.pk, "language": "fr", "translations": {"fr": FRENCH}},
        format="json",
    )

    assert response.status_code == 400
    assert "translations" in response.json()["errors"]
    assert not Commitment.objects.exists()


def test_the_list_and_its_csv_carry_the_language_and_translations(maker_client, member):
    maker_client.post(
        "/api/v1/commitments/",
        {**NEW_COMMITMENT, "maker": member.maker.pk, "translations": {"fr": FRENCH}},
        format="json",
    )

    for mode in ("", "&mode=cursor"):
        rows = maker_client.get(f"/api/v1/commitments/?mine=true{mode}").json()["results"]
        assert [(row["language"], row["translations"]) for row in rows] == [("en", {"fr": FRENCH})], mode
    csv = maker_client.get("/api/v1/commitments/?mine=true&format=csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    header = text.splitlines()[0].split(",")
    assert "language" in header and "translations" in header
    assert "Compétences numériques pour 10 000 filles" in text
