"""Which reference fields are stored in every language (django-modeltranslation).

Each field named here gets one column per language of
``settings.MODELTRANSLATION_LANGUAGES`` beside it (``name_fr``,
``name_zh_hans``…), on the same row: reading ``coalition.name`` gives the
active language's text (English when that one is empty), and the models'
managers rewrite ``filter``, ``order_by`` and ``values`` on ``name`` to the
active language's column, so a list in Arabic costs the same queries as in
English. Coalitions, action areas and themes are written by people (in the
admin, filled first by ``coalitions/migrations/0007``); country and
sub-national place names are filled from CLDR (django-countries) and ISO
3166-2 (pycountry) catalogues by the same migration, never typed by hand.

A new reference model (a standard-indicator catalogue, say) is translated by
registering it here, running makemigrations and adding its texts to a data
migration; its admin then shows the language fields on its own.
"""

from django.conf import settings
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname

from coalitions.models import ActionArea, ActionCoalition, Country, StandardIndicator, Subdivision, Theme


@register(ActionCoalition)
class ActionCoalitionTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(ActionArea)
class ActionAreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(StandardIndicator)
class StandardIndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Subdivision)
class SubdivisionTranslation(TranslationOptions):
    fields = ("name",)


def in_language(lookup: str, language: str | None = None):
    """An expression for a translated field reached through a relation, in
    the active language, falling back to English: for ``values()`` and
    ``order_by()`` on a model whose manager does not rewrite lookups (a
    commitment's ``coalitions__name``), e.g.
    ``.values(name=in_language("actioncoalition__name"))``."""
    language = language or get_language() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    default = build_localized_fieldname(lookup, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    localised = build_localized_fieldname(lookup, language)
    # Each language's column is its own field class (TranslationCharField):
    # say what comes out, or Django refuses to mix them.
    text = TextField()
    if localised == default:
        return Coalesce(F(default), F(lookup), output_field=text)
    return Coalesce(NullIf(F(localised), Value("")), F(default), F(lookup), output_field=text)


def by_name(lookup: str = "name", language: str | None = None):
    """An ordering by a translated name as a reader of that language expects
    it: on PostgreSQL through the language's ICU collation ("Égypte" among
    the Es in French, not after "Zimbabwe"; Chinese by pinyin, not by code
    point), since the database's own collation may be C. Elsewhere the
    column's order."""
    language = language or get_language() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    expression = in_language(lookup, language)
    if connection.vendor != "postgresql":
        return expression
    base = language.split("-")[0].lower()
    icu = {"en": "und"}.get(base, base)
    if icu not in ("und", "fr", "es", "ar", "ru", "zh"):
        icu = "und"
    return Collate(expression, f"{icu}-x-icu")
