"""A commitment's own words in more than one language.

The maker writes the title and description in the commitment's language
(`Commitment.language`) and may add them in any of the site's other
languages (`Commitment.translations`: code → {"title", "description"}).
They are part of what the maker writes: edited on a draft or an amendment,
reviewed with the rest, copied by an amendment and kept in the history. A
reader gets the text of their language where the maker wrote one, else the
commitment's own, marked with its language (`text_in`)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

TITLE_MAX_LENGTH = 255
DESCRIPTION_MAX_LENGTH = 20_000


@dataclass(frozen=True)
class Text:
    title: str
    description: str
    language: str
    # True when this is the maker's version in the reader's language rather
    # than the commitment's own text.
    translated: bool
    # A version given with its title alone keeps the original description.
    description_language: str

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def is_readers(self):
        return self.language == _active()

    @property
    def description_is_readers(self):
        return self.description_language == _active()


def _active():
    return translation.get_language() or settings.LANGUAGE_CODE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    return translation.get_language_info(code)["name_translated"]


def text_in(commitment, language=None):
    """The title and description a reader of `language` (the active one by
    default) sees: theirs where the maker wrote it, else the commitment's own."""
    language = language or _active()
    own = commitment.language or settings.LANGUAGE_CODE
    if language != own:
        other = (commitment.translations or {}).get(language)
        if other and other.get("title"):
            if other.get("description"):
                return Text(other["title"], other["description"], language, True, language)
            return Text(other["title"], commitment.description, language, True, own)
    return Text(commitment.title, commitment.description, own, False, own)


def translation_errors(commitment):
    """{"translations": [messages]} for what is wrong with the translations
    (every problem at once), or {}."""
    value = commitment.translations
    if value in (None, ""):
        commitment.translations = {}
        return {}
    if not isinstance(value, dict):
        return {"translations": [_("Give the translations as an object of language code → title and description.")]}
    messages = []
    known = language_codes()
    for code, text in value.items():
        if code not in known:
            messages.append(
                _("%(code)s is not one of the site's languages (%(known)s).")
                % {"code": code, "known": ", ".join(known)}
            )
            continue
        name = language_name(code)
        if code == commitment.language:
            messages.append(
                _(
                    "The %(language)s text is the commitment's own: write it in the title and description, "
                    "or choose another language for them."
                )
                % {"language": name}
            )
            continue
        if not isinstance(text, dict) or set(text) - {"title", "description"}:
            messages.append(
                _("The %(language)s text has a title and a description, nothing else.") % {"language": name}
            )
            continue
        title, description = text.get("title", ""), text.get("description", "")
        if not isinstance(title, str) or not isinstance(description, str):
            messages.append(_("The %(language)s title and description are text.") % {"language": name})
            continue
        if not title.strip():
            messages.append(
                _("The %(language)s text needs its title; a description alone cannot be shown.") % {"language": name}
            )
        if len(title) > TITLE_MAX_LENGTH:
            messages.append(
                _("The %(language)s title is %(length)s characters long; at most %(max)s fit.")
                % {"language": name, "length": len(title), "max": TITLE_MAX_LENGTH}
            )
        if len(description) > DESCRIPTION_MAX_LENGTH:
            messages.append(
                _("The %(language)s description is %(length)s characters long; at most %(max)s fit.")
                % {"language": name, "length": len(description), "max": DESCRIPTION_MAX_LENGTH}
            )
    return {"translations": messages} if messages else {}


def cleaned(translations):
    """Translations with their surrounding spaces removed and the empty
    ones (neither title nor description) left out; anything but an object
    is left for `translation_errors` to refuse."""
    if not isinstance(translations, dict):
        return translations
    result = {}
    for code, text in translations.items():
        if isinstance(text, dict):
            text = {key: value.strip() if isinstance(value, str) else value for key, value in text.items()}
            if not any(text.values()):
                continue
        result[code] = text
    return result
