"""Small display helpers for the public pages."""

from django import template

from commitments import texts
from reporting.models import ImplementationStatus

register = template.Library()


@register.filter
def implementation_label(code):
    """The words for an implementation status code that came from an
    annotation (so the model's get_..._display is not there)."""
    if not code:
        return ""
    try:
        return ImplementationStatus(code).label
    except ValueError:
        return code


@register.filter
def reader_text(commitment):
    """The commitment's title and description in the reader's language where
    its maker wrote them (commitments/texts.py); read from the row, no query."""
    return texts.text_in(commitment)
