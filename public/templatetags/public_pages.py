"""Small display helpers for the public pages."""

from django import template

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
