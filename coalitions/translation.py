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

from modeltranslation.translator import TranslationOptions, register

from coalitions.models import ActionArea, ActionCoalition, Country, Subdivision, Theme


@register(ActionCoalition)
class ActionCoalitionTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(ActionArea)
class ActionAreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Subdivision)
class SubdivisionTranslation(TranslationOptions):
    fields = ("name",)
