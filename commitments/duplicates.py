"""Spotting a commitment maker registered twice: the same organisation under
slightly different spellings, with or without its acronym, in one country.

Names are compared after normalising them: accents and punctuation removed,
case folded, and the words that vary between spellings of one name dropped
("the", "of", "ministry of", …). Acronyms match each other or the initials
of the other name."""

import re
import unicodedata

# Words that do not tell two organisations apart, in the five languages of
# the platform as far as they use Latin script.
FILLER_WORDS = frozenset(
    """
    the of and for a an in on to ministry department
    la le les l de du des d et pour el los las del y por e da do dos das
    """.split()
)


def _plain(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^\w\s]", " ", text.casefold().replace("&", " and ").replace("'", ""))


def name_words(name):
    return [word for word in _plain(name).split() if word not in FILLER_WORDS]


def normalised_name(name):
    return " ".join(name_words(name))


def normalised_acronym(acronym):
    return re.sub(r"\W", "", _plain(acronym))


def initials(name):
    return "".join(word[0] for word in name_words(name))


def _acronym_forms(name):
    """What an acronym of `name` could be: its initials, or the name itself
    written as an acronym ("K.E.W.O.P.A.")."""
    return {initials(name), normalised_name(name).replace(" ", ""), normalised_acronym(name)}


def similarity_reason(a_name, a_acronym, b_name, b_acronym):
    """Why two makers look like one, or None."""
    if normalised_name(a_name) and normalised_name(a_name) == normalised_name(b_name):
        return "name"
    a_acr, b_acr = normalised_acronym(a_acronym), normalised_acronym(b_acronym)
    if len(a_acr) >= 2 and a_acr == b_acr:
        return "acronym"
    if len(a_acr) >= 2 and a_acr in _acronym_forms(b_name):
        return "acronym"
    if len(b_acr) >= 2 and b_acr in _acronym_forms(a_name):
        return "acronym"
    return None


def likely_duplicates(maker, *, name=None, acronym=None, country_id=None, constituency=None, limit=10):
    """Other makers in the same country that look like `maker` (or like the
    given name and acronym, for a maker not saved yet). A country has one
    government, so a Member State also matches every other Member State of
    its country, whatever its name. One query, reading only names and
    acronyms."""
    from .models import CommitmentMaker, Constituency

    name = maker.name if name is None else name
    acronym = maker.acronym if acronym is None else acronym
    country_id = country_id or maker.country_id
    constituency = constituency or getattr(maker, "constituency", "")
    candidates = CommitmentMaker.objects.filter(country_id=country_id).only(
        "pk", "name", "acronym", "country_id", "constituency", "verified"
    )
    if maker is not None and maker.pk:
        candidates = candidates.exclude(pk=maker.pk)
    same_government = constituency == Constituency.MEMBER_STATE
    found = []
    for other in candidates.iterator(chunk_size=2000):
        if similarity_reason(name, acronym, other.name, other.acronym) or (
            same_government and other.constituency == Constituency.MEMBER_STATE
        ):
            found.append(other)
            if len(found) >= limit:
                break
    return found
