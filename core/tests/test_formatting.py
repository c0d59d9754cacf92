"""Numbers, money, percentages and dates in each of the six UN languages,
as CLDR (through Babel) writes them: the one set of helpers every page,
chart, report and email uses."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core import formatting

NNBSP, NBSP, RLM = "\u202f", "\xa0", "\u200f"

# language: (money, number with decimals, percent, date)
EXPECTED = {
    "en": ("US$232,266,200", "1,234,567.89", "49%", "2 March 2026"),
    "fr": (f"232{NNBSP}266{NNBSP}200{NBSP}$US", f"1{NNBSP}234{NNBSP}567,89", f"49{NBSP}%", "2 mars 2026"),
    "es": (f"232.266.200{NBSP}US$", "1.234.567,89", f"49{NBSP}%", "2 de marzo de 2026"),
    "ar": (f"{RLM}232,266,200{NBSP}US$", "1,234,567.89", "49%", "2 مارس 2026"),
    "ru": (f"232{NBSP}266{NBSP}200{NBSP}$", f"1{NBSP}234{NBSP}567,89", f"49{NBSP}%", f"2 марта 2026{NNBSP}г."),
    "zh-hans": ("US$232,266,200", "1,234,567.89", "49%", "2026年3月2日"),
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_amounts_numbers_percentages_and_dates_follow_the_locale(language):
    money, decimal, share, day = EXPECTED[language]
    with translation.override(language):
        assert formatting.money(Decimal("232266200")) == money
        assert formatting.number(Decimal("1234567.891"), 2) == decimal
        assert formatting.percent(Decimal("0.49")) == share
        assert formatting.date(datetime.date(2026, 3, 2)) == day


def test_large_amounts_read_in_words_with_the_currency_where_the_locale_puts_it():
    assert formatting.money_in_words(2_500_000, language="en") == "US$2.5 million"
    assert formatting.money_in_words(2_500_000, language="fr") == f"2,5 millions{NBSP}$US"
    assert formatting.money_in_words(999_999, language="en") == "US$999,999"


def test_what_is_not_a_number_comes_back_as_it_was():
    assert formatting.money(None) == ""
    assert formatting.number("n/a") == "n/a"


def test_the_template_filters_take_percent_points_and_amounts_in_the_active_language():
    template = Template("{% load locale_format %}{{ rate|percent }} {{ amount|money }} {{ amount|money:2 }}")
    with translation.override("fr"):
        shown = template.render(Context({"rate": 49, "amount": Decimal("1250000")}))
    assert shown == f"49{NBSP}% 1{NNBSP}250{NNBSP}000{NBSP}$US 1{NNBSP}250{NNBSP}000,00{NBSP}$US"
