"""A maker writes the commitment's title and description in more than one
language in the commitment form, and the public page gives each reader
theirs, or says which language the text is in."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from commitments.tests.factories import ApprovedCommitmentFactory

from .test_views import commitment_form

pytestmark = pytest.mark.django_db

NEW = reverse("my-commitment-new")


@pytest.fixture
def maker_client(client, member):
    client.force_login(member)
    return client


def test_the_form_saves_the_title_and_description_in_other_languages(maker_client):
    response = maker_client.post(
        NEW,
        commitment_form(
            language="en",
            title_fr="Financer des centres numériques",
            description_fr="Quarante centres tenus par des groupes de femmes.",
            title_zh_hans="资助妇女主导的数字技能中心",
        ),
    )

    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.language == "en"
    assert commitment.translations == {
        "fr": {
            "title": "Financer des centres numériques",
            "description": "Quarante centres tenus par des groupes de femmes.",
        },
        "zh-hans": {"title": "资助妇女主导的数字技能中心", "description": ""},
    }
    # Editing shows them again, each in a field marked with its language.
    page = maker_client.get(reverse("my-commitment-edit", args=[commitment.pk])).content.decode()
    assert 'lang="fr"' in page and 'value="Financer des centres numériques"' in page
    assert 'lang="zh-hans"' in page


def test_a_new_commitment_is_written_in_the_language_of_the_page_by_default(maker_client):
    page = maker_client.get("/fr" + NEW).content.decode()
    assert '<option value="fr" selected>' in page


def test_a_translation_into_the_commitments_own_language_is_refused_at_its_field_and_kept(maker_client):
    response = maker_client.post(NEW, commitment_form(language="en", title_en="Fund hubs", title_es=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_title_en"' in page
    assert 'id="id_title_en_error"' in page
    assert 'value="Fund hubs"' in page
    assert not Commitment.objects.exists()


def test_a_description_without_its_title_is_refused_at_the_title(maker_client):
    response = maker_client.post(NEW, commitment_form(description_ar="وصف بلا عنوان"))

    page = response.content.decode()
    assert 'id="id_title_ar_error"' in page
    assert "وصف بلا عنوان" in page
    assert not Commitment.objects.exists()


def test_the_public_page_gives_each_reader_their_language_or_says_which_it_is_in(client):
    commitment = ApprovedCommitmentFactory(
        title="Shelters in every county",
        description="Forty shelters.",
        language="en",
        translations={"fr": {"title": "Des refuges dans chaque comté", "description": "Quarante refuges."}},
    )
    url = commitment.get_absolute_url()

    french = client.get("/fr" + url).content.decode()
    assert '<h1 dir="auto">Des refuges dans chaque comté</h1>' in french
    assert "Quarante refuges." in french
    assert "l’original est en anglais" in french.lower()

    arabic = client.get("/ar" + url).content.decode()
    assert '<h1 dir="auto" lang="en">Shelters in every county</h1>' in arabic
    assert 'lang="en"><p>Forty shelters.</p>' in arabic

    english = client.get(url).content.decode()
    assert '<h1 dir="auto">Shelters in every county</h1>' in english
    assert "detail-head__language" not in english

    # The catalogue's cards too, from the row itself.
    assert 'dir="auto">Des refuges dans chaque comté</a>' in client.get("/fr/commitments/").content.decode()
    assert 'dir="auto" lang="en">Shelters in every county</a>' in client.get("/ar/commitments/").content.decode()
