"""Validation helpers shared by the apps' models."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def unique_error_on_field(error, fields, field, message):
    """Return `error` with Django's page-level "… with this A and B already
    exists" for the unique constraint over `fields` moved onto `field`, in
    `message`, so that forms and the API show it next to the value to change.

    Used from Model.validate_constraints(): a ModelForm that leaves one of
    `fields` out skips the constraint altogether, so the field named here is
    always on the form when the error is raised."""
    errors = error.update_error_dict({})
    kept = []
    for item in errors.pop(NON_FIELD_ERRORS, []):
        params = getattr(item, "params", None) or {}
        if item.code == "unique_together" and tuple(params.get("unique_check", ())) == tuple(fields):
            errors.setdefault(field, []).append(ValidationError(message, code="unique"))
        else:
            kept.append(item)
    if kept:
        errors[NON_FIELD_ERRORS] = kept
    return ValidationError(errors)
