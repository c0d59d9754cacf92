"""Numbers, money, percentages and dates as the reader's locale writes them.

One set of functions for every page, chart label, report file and email
(STYLE.md rule 13), on CLDR's rules through Babel: the thousands separator
and decimal mark ("232 266 200" in French and Russian, "232.266.200" in
Spanish), where the currency goes ("232 266 200 $US", "US$232,266,200"),
the percent sign ("49 %" in French, "49%" in English), month names and the
order of a date ("2 mars 2026", "2026年3月2日"). The locale is the active
Django language unless one is given.

English is written as CLDR's international English (``en_001``): amounts in
US dollars read "US$…" rather than a bare "$", and dates "2 March 2026", as
gentrack always showed them. Digits follow CLDR's default numbering system
for each locale (Latin digits for ``ar`` in the CLDR that Babel ships).

Template filters over these functions live in
``core/templatetags/locale_format.py`` (``{% load locale_format %}``).
"""

import copy
import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, dates, numbers
from django.utils import translation

CURRENCY = "USD"

# A Django language code whose CLDR locale is not its plain translation.
_LOCALE_FOR = {"en": "en_001"}

_NUMBER_PART = re.compile(r"[#0,.]+")


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    name = _LOCALE_FOR.get(language) or translation.to_locale(language)
    try:
        return Locale.parse(name)
    except (ValueError, LookupError):
        return Locale.parse(_LOCALE_FOR["en"])


def locale_for(language: str | None = None) -> Locale:
    """The Babel locale of a Django language code (the active one by default)."""
    return _locale((language or translation.get_language() or "en").lower())


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def number(value, decimals: int | None = None, *, language: str | None = None) -> str:
    """A number grouped as the locale groups it: 1,234,567 · 1 234 567.
    ``decimals`` fixes the digits after the mark (none by default for whole
    numbers, at most three otherwise). Anything that is not a number comes
    back as it was."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    locale = locale_for(language)
    if decimals is None:
        return numbers.format_decimal(amount, locale=locale)
    pattern = copy.copy(numbers.parse_pattern(locale.decimal_formats[None]))
    pattern.frac_prec = (decimals, decimals)
    return pattern.apply(amount, locale)


def money(value, decimals: int = 0, *, currency: str = CURRENCY, language: str | None = None) -> str:
    """An amount with its currency where the locale puts it: US$1,250,000 ·
    1 250 000 $US · ‏1,250,000 US$. Whole units unless ``decimals`` says."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    locale = locale_for(language)
    pattern = copy.copy(numbers.parse_pattern(locale.currency_formats["standard"]))
    pattern.frac_prec = (decimals, decimals)
    return pattern.apply(amount, locale, currency=currency, currency_digits=False)


def money_in_words(value, *, currency: str = CURRENCY, language: str | None = None) -> str:
    """Large amounts in words so that a headline fits: "US$2.5 million",
    "2,5 millions $US", "US$250万"; below a million, the full amount."""
    amount = _decimal(value)
    if amount is None or abs(amount) < 1_000_000:
        return money(value, currency=currency, language=language)
    locale = locale_for(language)
    words = numbers.format_compact_decimal(amount, format_type="long", locale=locale, fraction_digits=1)
    # The words take the number's place in the locale's currency pattern
    # (its positive half), so the symbol sits where the locale puts it.
    positive = locale.currency_formats["standard"].pattern.split(";")[0]
    symbol = numbers.get_currency_symbol(currency, locale)
    return _NUMBER_PART.sub(lambda _: words, positive, count=1).replace("¤", symbol).replace("'", "")


def percent(fraction, decimals: int = 0, *, language: str | None = None) -> str:
    """A share (0.49) as the locale writes a percentage: 49% · 49 % ·
    ٪49 where CLDR says so. ``decimals`` digits after the mark."""
    share = _decimal(fraction)
    if share is None:
        return "" if fraction is None else str(fraction)
    locale = locale_for(language)
    pattern = copy.copy(numbers.parse_pattern(locale.percent_formats[None]))
    pattern.frac_prec = (decimals, decimals)
    return pattern.apply(share, locale)


def date(value, style: str = "long", *, language: str | None = None) -> str:
    """A date with the locale's month names and order: 2 March 2026 ·
    2 mars 2026 · 2026年3月2日. ``style`` is CLDR's: short, medium, long.
    A datetime is shown as its date in the current time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return dates.format_date(value, format=style, locale=locale_for(language))
