"""Forms for a commitment's deliverables and indicators in the maker's
workspace. They check what was typed (numbers are numbers, years are years)
and hand it to commitments.services; the services own the rules (a target
equal to the baseline, a year outside the commitment's) and their
ValidationErrors come back at these fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import StandardIndicator, Unit
from commitments.models import FIRST_YEAR, LAST_YEAR

YEAR_ATTRS = {"inputmode": "numeric", "class": "input-year", "min": FIRST_YEAR, "max": LAST_YEAR}
VALUE_ATTRS = {"inputmode": "decimal", "step": "any", "min": "0", "class": "input-amount"}


def _year(label, help_text="", required=True):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=help_text,
        widget=forms.NumberInput(attrs=YEAR_ATTRS),
    )


def _value(label, help_text=""):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs=VALUE_ATTRS),
    )


class DeliverableForm(forms.Form):
    title = forms.CharField(
        label=_("What will exist"),
        max_length=255,
        help_text=_("For example: a law drafted, a shelter opened, a fund launched."),
    )
    due_year = _year(_("Due by (year)"), _("Within the commitment's years."))

    FIELDS = ("title", "due_year")

    @classmethod
    def initial_from(cls, deliverable):
        return {name: getattr(deliverable, name) for name in cls.FIELDS}

    def service_data(self):
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class StandardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_unit_display()})"


class IndicatorForm(forms.Form):
    standard = StandardChoiceField(
        label=_("Standard indicator"),
        queryset=StandardIndicator.objects.none(),
        required=False,
        empty_label=_("None: I name my own"),
        help_text=_("Choose one from the secretariat's catalogue so that your results add up with other makers'."),
    )
    name = forms.CharField(
        label=_("Indicator"),
        max_length=255,
        required=False,
        help_text=_("What is counted, in your words. Leave empty to use the standard indicator's name."),
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[("", _("Choose a unit"))] + list(Unit.choices),
        required=False,
        help_text=_("Leave empty to use the standard indicator's unit."),
    )
    baseline_value = _value(_("Baseline value"), _("Where things stood before the commitment."))
    baseline_year = _year(_("Baseline year"))
    target_value = _value(_("Target value"), _("Where the commitment will bring them."))
    target_year = _year(_("Target year"), _("Within the commitment's years."))

    FIELDS = ("standard", "name", "unit", "baseline_value", "baseline_year", "target_value", "target_year")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = StandardIndicator.objects.filter(active=True).order_by("order", "name")

    @classmethod
    def initial_from(cls, indicator):
        initial = {name: getattr(indicator, name) for name in cls.FIELDS if name != "standard"}
        initial["standard"] = indicator.standard_id
        return initial

    def clean(self):
        cleaned = super().clean()
        standard = cleaned.get("standard")
        if not cleaned.get("name"):
            if standard is not None:
                cleaned["name"] = standard.name
            elif "name" not in self.errors:
                self.add_error("name", _("Name the indicator, or choose a standard one."))
        if not cleaned.get("unit") and standard is None and "unit" not in self.errors:
            self.add_error("unit", _("Choose the unit, or a standard indicator that has one."))
        return cleaned

    def service_data(self):
        data = {name: self.cleaned_data.get(name) for name in self.FIELDS}
        data["unit"] = data["unit"] or ""
        return data
