"""A commitment's deliverables and indicators: add, edit and delete them on a
commitment its maker may edit (a draft or returned commitment, which is also
how an amendment in progress stands), and copy them to and from an
amendment, so that a change of target goes through review like every other
change.

Every write keeps the commitment's stored SMART score current, and sends
`measures_changed` so that the reporting layer (which commitments may not
import) recomputes the stored progress.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from coalitions.models import StandardIndicator

from ..measure_models import Deliverable, Indicator
from ..models import Commitment
from ..smart import score_of
from .base import Status, locked, require_member, require_status

DELIVERABLE_FIELDS = ("title", "due_year", "order")
INDICATOR_FIELDS = (
    "name",
    "standard",
    "unit",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "order",
)

#: Sent (sender=Commitment, commitment_id=…) inside the transaction after a
#: commitment's deliverables or indicators changed.
measures_changed = Signal()


def refresh_smart_score(commitment):
    """Recompute and store `commitment`'s SMART score (one UPDATE when it
    changed); returns it."""
    score = score_of(commitment)
    if score != commitment.smart_score:
        commitment.smart_score = score
        Commitment.objects.filter(pk=commitment.pk).update(smart_score=score)
    return score


def measures_touched(commitment):
    refresh_smart_score(commitment)
    measures_changed.send(sender=Commitment, commitment_id=commitment.pk)


def _editable(actor, commitment):
    commitment = locked(commitment)
    require_member(actor, commitment.maker_id)
    require_status(
        commitment,
        (Status.DRAFT, Status.RETURNED),
        _("The deliverables and indicators of a %(status)s commitment cannot be changed; amend it instead."),
    )
    return commitment


def _apply(instance, data, allowed):
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set.") for name in unknown})
    for name, value in data.items():
        setattr(instance, name, value)


def _full_clean(instance, errors):
    try:
        instance.full_clean(exclude=["commitment", "source"], validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _year_error(commitment, year):
    """The message when `year` lies outside the commitment's years (when set)."""
    if year is None:
        return None
    if commitment.start_year and year < commitment.start_year:
        return _("This year comes before the commitment starts (%(year)s).") % {"year": commitment.start_year}
    if commitment.end_year and year > commitment.end_year:
        return _("This year comes after the commitment ends (%(year)s).") % {"year": commitment.end_year}
    return None


@transaction.atomic
def deliverable_save(*, actor, commitment, data, deliverable=None):
    """Add a deliverable to `commitment` (or edit `deliverable`, one of its
    own) from `data` (title, due_year, order)."""
    commitment = _editable(actor, commitment)
    if deliverable is None:
        deliverable = Deliverable(commitment=commitment)
    else:
        deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk, commitment=commitment)
    _apply(deliverable, data, DELIVERABLE_FIELDS)
    errors = {}
    message = _year_error(commitment, deliverable.due_year)
    if message:
        errors["due_year"] = [message]
    _full_clean(deliverable, errors)
    deliverable._history_user = actor
    deliverable.save()
    measures_touched(commitment)
    return deliverable


@transaction.atomic
def deliverable_delete(*, actor, deliverable):
    commitment = _editable(actor, deliverable.commitment)
    Deliverable.objects.filter(pk=deliverable.pk, commitment=commitment).delete()
    measures_touched(commitment)


def indicator_errors(commitment, indicator):
    """The service's rules beyond the model's fields, by field: target and
    baseline, years within the commitment's, the standard indicator active and
    in the same unit."""
    errors = {}
    standard = None
    if indicator.standard_id:
        standard = StandardIndicator.objects.filter(pk=indicator.standard_id).first()
        if standard is None or not standard.active:
            errors["standard"] = [_("This standard indicator is no longer offered; choose another or none.")]
        elif not indicator.unit:
            indicator.unit = standard.unit
        elif standard.unit != indicator.unit:
            errors["unit"] = [
                _("This standard indicator is counted in %(unit)s.") % {"unit": standard.get_unit_display()}
            ]
    baseline, target = indicator.baseline_value, indicator.target_value
    if baseline is not None and target is not None and baseline == target:
        errors["target_value"] = [_("The target must differ from the baseline, or there is nothing to measure.")]
    if indicator.baseline_year and indicator.target_year and indicator.target_year < indicator.baseline_year:
        errors["target_year"] = [_("The target year cannot come before the baseline year.")]
    message = _year_error(commitment, indicator.target_year)
    if message:
        errors.setdefault("target_year", [message])
    return errors


def checked_indicator_errors(commitment, indicator):
    """Every refusal of `indicator` by field: the service's rules
    (`indicator_errors`) and the fields' own checks. The model's clean()
    rules are indicator_errors' (with the field messages), so they are not
    run again."""
    errors = indicator_errors(commitment, indicator)
    try:
        indicator.clean_fields(exclude=["commitment", "source", "standard"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, messages)
    return errors


@transaction.atomic
def indicator_save(*, actor, commitment, data, indicator=None):
    """Add an indicator to `commitment` (or edit `indicator`, one of its own)
    from `data` (name, standard, unit, baseline_value, baseline_year,
    target_value, target_year, order). The unit may be left out when a
    standard indicator gives it."""
    commitment = _editable(actor, commitment)
    if indicator is None:
        indicator = Indicator(commitment=commitment)
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk, commitment=commitment)
    data = dict(data)
    if "standard" in data and not isinstance(data["standard"], (StandardIndicator, type(None))):
        data["standard_id"] = data.pop("standard")
        allowed = (*INDICATOR_FIELDS, "standard_id")
    else:
        allowed = INDICATOR_FIELDS
    _apply(indicator, data, allowed)
    errors = checked_indicator_errors(commitment, indicator)
    if errors:
        raise ValidationError(errors)
    indicator._history_user = actor
    indicator.save()
    measures_touched(commitment)
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator):
    """Delete an indicator of an editable commitment (with any results
    reported against it)."""
    commitment = _editable(actor, indicator.commitment)
    Indicator.objects.filter(pk=indicator.pk, commitment=commitment).delete()
    measures_touched(commitment)


# Amendments --------------------------------------------------------------------


def copy_measures(*, source, target):
    """Copy `source`'s deliverables and indicators onto `target` (an amendment
    just opened), each copy remembering the row it came from."""
    Deliverable.objects.bulk_create(
        [
            Deliverable(
                commitment=target,
                source=row,
                title=row.title,
                due_year=row.due_year,
                status=row.status,
                delivered_in=row.delivered_in,
                order=row.order,
            )
            for row in Deliverable.objects.filter(commitment=source)
        ]
    )
    Indicator.objects.bulk_create(
        [
            Indicator(
                commitment=target,
                source=row,
                **{name: getattr(row, name) for name in INDICATOR_FIELDS if name != "standard"},
                standard_id=row.standard_id,
            )
            for row in Indicator.objects.filter(commitment=source)
        ]
    )


def _merge(model, fields, *, amendment, original):
    """Make `original`'s rows of `model` what `amendment`'s are: a row copied
    from one of the original's is written back onto it (so results reported
    against an indicator stay attached), a new row is added, and a row the
    amendment removed is deleted."""
    own = {row.pk: row for row in model.objects.select_for_update().filter(commitment=original)}
    kept = set()
    for row in model.objects.filter(commitment=amendment):
        target = own.get(row.source_id)
        if target is None:
            target = model(commitment=original)
        else:
            kept.add(target.pk)
        for name in fields:
            setattr(target, name, getattr(row, name))
        target.save()
    model.objects.filter(pk__in=set(own) - kept).delete()


def approve_measures(*, amendment, original):
    """Copy an approved amendment's deliverables and indicators back onto
    the original (see `_merge`) and refresh its score."""
    _merge(Deliverable, ("title", "due_year", "order"), amendment=amendment, original=original)
    indicator_fields = [name for name in INDICATOR_FIELDS if name != "standard"] + ["standard_id"]
    _merge(Indicator, indicator_fields, amendment=amendment, original=original)
    measures_touched(original)


# Importing indicators ------------------------------------------------------------


def _name_key(name):
    return " ".join(str(name).split()).casefold()


def imported_indicators(commitment, rows):
    """Pair each imported indicator (a dict of INDICATOR_FIELDS from a
    spreadsheet cell) with the commitment's own of the same name, or a new
    one after them: [(indicator with the row applied, whether it changed)].
    Indicators the cell does not name are kept as they are."""
    existing = {}
    if commitment.pk:
        existing = {_name_key(row.name): row for row in Indicator.objects.filter(commitment_id=commitment.pk)}
    next_order = max((row.order for row in existing.values()), default=-1) + 1
    pairs = []
    for row in rows:
        indicator = existing.get(_name_key(row["name"]))
        changed = indicator is None
        if indicator is None:
            indicator = Indicator(order=next_order)
            next_order += 1
        for name, value in row.items():
            if name == "unit" and not value and indicator.unit:
                continue
            if name == "name" and indicator.pk:
                continue  # matched by name: the case and spacing stay as they were
            if name == "standard":
                if indicator.standard_id != getattr(value, "pk", None):
                    indicator.standard = value
                    changed = True
            elif getattr(indicator, name) != value:
                setattr(indicator, name, value)
                changed = True
        pairs.append((indicator, changed))
    return pairs


def imported_indicator_errors(commitment, pairs):
    """Raise the rules' refusals of the changed indicators, under
    "indicators", each message naming its indicator."""
    errors = []
    for indicator, changed in pairs:
        if not changed:
            continue
        problems = checked_indicator_errors(commitment, indicator)
        errors.extend(f"{indicator.name}: {message}" for messages in problems.values() for message in messages)
    if errors:
        raise ValidationError({"indicators": errors})


def import_indicators(*, actor, commitment, rows):
    """Add or update the commitment's indicators from an imported cell (by
    name), through the same rules as the form; returns whether any changed.
    The caller (commitments.services.commitment_import) checks that the
    commitment may change."""
    pairs = imported_indicators(commitment, rows)
    imported_indicator_errors(commitment, pairs)
    changed = [indicator for indicator, was_changed in pairs if was_changed]
    for indicator in changed:
        indicator.commitment = commitment
        indicator._history_user = actor
        indicator.save()
    if changed:
        measures_touched(commitment)
    return bool(changed)
