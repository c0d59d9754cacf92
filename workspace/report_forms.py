"""The progress report form of the makers' workspace. The service
(reporting.services) validates again and has the last word."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Subdivision
from commitments.models import DeliverableStatus
from reporting.models import CATEGORIES, Challenge, Dimension, ImplementationStatus, ProgressReport
from reporting.services import NARRATIVE_NEEDED

NUMBER_ATTRS = {"inputmode": "decimal", "step": "any", "min": "0", "class": "input-amount"}


class ProgressReportForm(forms.ModelForm):
    implementation_status = forms.ChoiceField(
        label=_("How does implementation stand?"),
        choices=ImplementationStatus.choices,
        widget=forms.RadioSelect,
    )
    challenges = forms.MultipleChoiceField(
        label=_("Challenges met"),
        choices=Challenge.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose every one that applies; describe them in the narrative."),
    )
    evidence_url = forms.URLField(
        label=_("Link to evidence"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("A public page or document that shows the progress, for example an annual report."),
    )

    places = forms.ModelMultipleChoiceField(
        label=_("Where were the results achieved?"),
        queryset=Subdivision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "The sub-national places of the commitment (or of its countries) where results came about. "
            "Hold Ctrl (or Cmd) to choose several."
        ),
    )

    class Meta:
        model = ProgressReport
        fields = (
            "implementation_status",
            "narrative",
            "amount_disbursed_usd",
            "amount_disbursed_original",
            "currency",
            "usd_rate",
            "people_reached",
            "challenges",
            "next_steps",
            "evidence_url",
        )
        labels = {
            "amount_disbursed_original": _("Amount disbursed in this year, in its original currency"),
            "currency": _("Currency (ISO code)"),
            "usd_rate": _("Rate used: US dollars for one unit of the currency"),
            "narrative": _("What was done this year"),
            "amount_disbursed_usd": _("Money disbursed in this year, not a running total (US dollars)"),
            "people_reached": _("People reached"),
            "next_steps": _("Next steps"),
            "evidence_url": _("Link to evidence"),
        }
        help_texts = {
            "narrative": _(
                "Results, milestones and what changed for the people concerned. Needed to submit; a draft may wait."
            ),
            "amount_disbursed_usd": _(
                "For financial commitments: only what was paid out in this cycle's year. The total so far is added "
                "up for you. Leave empty if you give the amount in its own currency below."
            ),
            "amount_disbursed_original": _("Optional. With the currency and rate, the US dollars are worked out."),
            "people_reached": _("An estimate is fine; leave empty if it does not apply."),
            "evidence_url": _("A public page or document that shows the progress, for example an annual report."),
        }
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 8}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
            "amount_disbursed_usd": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.01", "min": "0", "class": "input-amount"}
            ),
            "people_reached": forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "class": "input-amount"}),
            "amount_disbursed_original": forms.NumberInput(attrs=NUMBER_ATTRS),
            "currency": forms.TextInput(
                attrs={"maxlength": "3", "class": "input-year", "autocapitalize": "characters"}
            ),
            "usd_rate": forms.NumberInput(attrs=NUMBER_ATTRS),
            "evidence_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, submitting=False, commitment=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may wait for its narrative; a submission may not.
        self.submitting = submitting
        # Only where the commitment works: its own places when it names
        # some, else those of its countries (the service checks the same).
        self.fields["places"].queryset = self.places_offered(commitment)
        if self.instance.pk and "places" not in self.initial:
            self.initial["places"] = list(self.instance.places.values_list("pk", flat=True))
        self.indicators = list(commitment.indicators.all()) if commitment else []
        self.deliverables = list(commitment.deliverables.all()) if commitment else []
        for indicator in self.indicators:
            self.fields[f"result_{indicator.pk}"] = forms.DecimalField(
                label=_("Actual value in this cycle's year"),
                required=False,
                min_value=0,
                max_digits=18,
                decimal_places=2,
                widget=forms.NumberInput(attrs=NUMBER_ATTRS),
            )
            if indicator.counts_people:
                for dimension, categories in CATEGORIES.items():
                    for category, label in categories.items():
                        self.fields[f"part_{indicator.pk}_{dimension}_{category}"] = forms.DecimalField(
                            label=label,
                            required=False,
                            min_value=0,
                            max_digits=18,
                            decimal_places=2,
                            widget=forms.NumberInput(attrs=NUMBER_ATTRS),
                        )
        for deliverable in self.deliverables:
            self.fields[f"deliverable_{deliverable.pk}"] = forms.ChoiceField(
                label=deliverable.title, choices=DeliverableStatus.choices, initial=deliverable.status
            )

    @staticmethod
    def measure_values(report):
        """The report's saved results, breakdowns and deliverable updates as
        this form's field values."""
        values = {}
        for result in report.results.all():
            values[f"result_{result.indicator_id}"] = result.value
            for part in result.breakdown.all():
                values[f"part_{result.indicator_id}_{part.dimension}_{part.category}"] = part.value
        for update in report.deliverable_updates.all():
            values[f"deliverable_{update.deliverable_id}"] = update.status
        return values

    def indicator_rows(self):
        rows = []
        for indicator in self.indicators:
            breakdown = []
            if indicator.counts_people:
                for dimension, categories in CATEGORIES.items():
                    parts = [self[f"part_{indicator.pk}_{dimension}_{category}"] for category in categories]
                    breakdown.append((Dimension(dimension).label, parts))
            rows.append({"indicator": indicator, "field": self[f"result_{indicator.pk}"], "breakdown": breakdown})
        return rows

    def service_error_field(self, code):
        """The field of the indicator or deliverable a service's refusal is
        about (its code: `indicator-12`, `deliverable-3`)."""
        kind, _sep, pk = code.partition("-")
        names = {"indicator": f"result_{pk}", "deliverable": f"deliverable_{pk}"}
        return names.get(kind) if pk.isdigit() else None

    def deliverable_fields(self):
        return [(deliverable, self[f"deliverable_{deliverable.pk}"]) for deliverable in self.deliverables]

    @staticmethod
    def places_offered(commitment):
        if commitment is None:
            return Subdivision.objects.none()
        own = Subdivision.objects.filter(commitments=commitment)
        if own.exists():
            return own
        return Subdivision.objects.filter(country__in=commitment.countries.values("pk"))

    @property
    def offers_places(self):
        return self.fields["places"].queryset.exists()

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not (cleaned.get("narrative") or "").strip() and "narrative" not in self.errors:
            self.add_error("narrative", NARRATIVE_NEEDED)
        return cleaned

    def _post_clean(self):
        # The service checks the model; checking here too would only repeat
        # the same messages.
        pass

    @classmethod
    def data_from(cls, report):
        """The saved report as if its form had just been posted: to check it
        against a submission's rules and show what it lacks."""
        values = forms.models.model_to_dict(report, fields=cls.Meta.fields)
        values.update(cls.measure_values(report))
        values = {name: "" if value is None else value for name, value in values.items()}
        values["places"] = list(report.places.values_list("pk", flat=True))
        return values

    def service_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["places"] = list(self.cleaned_data.get("places") or [])
        data["currency"] = (data.get("currency") or "").strip().upper()
        if data.get("amount_disbursed_original") is not None and data.get("usd_rate") is not None:
            # The service works the US dollars out from the original amount.
            data.pop("amount_disbursed_usd")
        results = []
        for indicator in self.indicators:
            value = self.cleaned_data.get(f"result_{indicator.pk}")
            if value is None:
                continue
            breakdown = {}
            if indicator.counts_people:
                for dimension, categories in CATEGORIES.items():
                    parts = {c: self.cleaned_data.get(f"part_{indicator.pk}_{dimension}_{c}") for c in categories}
                    if any(part is not None for part in parts.values()):
                        breakdown[dimension] = {c: part or 0 for c, part in parts.items()}
            results.append({"indicator": indicator.pk, "value": value, "breakdown": breakdown})
        if self.indicators:
            data["results"] = results
        if self.deliverables:
            data["deliverable_updates"] = [
                {"deliverable": deliverable.pk, "status": self.cleaned_data[f"deliverable_{deliverable.pk}"]}
                for deliverable in self.deliverables
            ]
        return data
