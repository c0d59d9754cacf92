"""Template filters for numbers, money, percentages and dates in the
reader's locale (core/formatting.py): ``{{ amount|money }}``,
``{{ amount|money_in_words }}``, ``{{ count|number }}``,
``{{ rate.percent|percent }}`` (a figure already in percent points: 49 →
"49 %" in French), ``{{ share|share_percent }}`` (a fraction: 0.49), and
``{{ day|local_date }}`` or ``{{ day|local_date:"medium" }}``."""

from decimal import Decimal

from django import template

from core import formatting

register = template.Library()


@register.filter
def number(value, decimals=None):
    return formatting.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def money(value, decimals=0):
    return formatting.money(value, int(decimals))


@register.filter
def money_in_words(value):
    return formatting.money_in_words(value)


@register.filter
def percent(points, decimals=0):
    """Percent points (49, 66.7) as the locale writes a percentage."""
    share = formatting._decimal(points)
    if share is None:
        return formatting.percent(points)
    return formatting.percent(share / Decimal(100), int(decimals))


@register.filter
def share_percent(fraction, decimals=0):
    """A fraction (0.49) as the locale writes a percentage."""
    return formatting.percent(fraction, int(decimals))


@register.filter
def local_date(value, style="long"):
    return formatting.date(value, style)
