"""A commitment's title and description in more than one language: the
service's rules, what a reader of each language is given, and an amendment
that carries the translations through review into the history."""

import pytest
from django.core.exceptions import ValidationError

from commitments import services
from commitments.history import commitment_versions
from commitments.models import Commitment
from commitments.texts import text_in

from .test_history import data, published

pytestmark = pytest.mark.django_db

FRENCH = {"title": "Financer 40 coopératives de femmes", "description": "Des subventions et des formations."}


def test_a_reader_gets_the_makers_text_in_their_language_else_the_commitments_own(member):
    commitment = services.commitment_create(
        actor=member, maker=member.maker, data=data(language="en", translations={"fr": FRENCH})
    )

    french = text_in(commitment, "fr")
    assert (french.title, french.description, french.language, french.translated) == (
        FRENCH["title"],
        FRENCH["description"],
        "fr",
        True,
    )
    arabic = text_in(commitment, "ar")
    assert (arabic.title, arabic.language, arabic.translated) == (commitment.title, "en", False)


def test_a_version_with_a_title_alone_keeps_the_original_description_marked_with_its_language(member):
    commitment = services.commitment_create(
        actor=member, maker=member.maker, data=data(translations={"es": {"title": "Cooperativas", "description": ""}})
    )

    spanish = text_in(commitment, "es")
    assert (spanish.title, spanish.language) == ("Cooperativas", "es")
    assert (spanish.description, spanish.description_language) == (commitment.description, "en")


@pytest.mark.parametrize(
    ("translations", "message"),
    [
        ({"en": FRENCH}, "is the commitment's own"),
        ({"xx": FRENCH}, "xx is not one of the site's languages"),
        ({"fr": {"title": "", "description": "Seule"}}, "needs its title"),
        ({"fr": {"title": "x" * 256, "description": ""}}, "256 characters long; at most 255"),
        ({"fr": {"title": "Titre", "summary": "?"}}, "a title and a description, nothing else"),
        (["fr"], "an object of language code"),
    ],
)
def test_a_translation_the_rules_refuse_changes_nothing(member, translations, message):
    commitment = services.commitment_create(actor=member, maker=member.maker, data=data())

    with pytest.raises(ValidationError) as refused:
        services.commitment_update(actor=member, commitment=commitment, data={"translations": translations})

    assert any(message in text for text in refused.value.message_dict["translations"])
    commitment.refresh_from_db()
    assert commitment.translations == {}


def test_empty_versions_are_left_out_and_spaces_trimmed(member):
    commitment = services.commitment_create(
        actor=member,
        maker=member.maker,
        data=data(
            translations={"fr": {"title": "  Titre  ", "description": ""}, "ru": {"title": " ", "description": ""}}
        ),
    )

    assert commitment.translations == {"fr": {"title": "Titre", "description": ""}}


def test_an_amendment_carries_the_translations_through_review_into_the_history(member, reviewer):
    commitment = published(member, reviewer)
    amendment = services.commitment_start_amendment(actor=member, commitment=commitment)
    assert amendment.translations == {}
    services.commitment_update(actor=member, commitment=amendment, data={"translations": {"fr": FRENCH}})

    # The public keeps the approved text until the amendment is approved.
    assert text_in(Commitment.objects.get(pk=commitment.pk), "fr").translated is False
    services.commitment_submit(actor=member, commitment=amendment)
    services.commitment_approve(actor=reviewer, commitment=amendment)

    commitment.refresh_from_db()
    assert text_in(commitment, "fr").title == FRENCH["title"]
    latest = commitment_versions(commitment, public=True)[0]
    change = next(change for change in latest.fields if change.label == "title and description in other languages")
    assert change.before == "—"
    assert change.after.startswith("French: Financer 40 coopératives de femmes")
