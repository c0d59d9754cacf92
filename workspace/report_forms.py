"""The progress report form of the makers' workspace. The service
(reporting.services) validates again and has the last word."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Subdivision
from reporting.models import Challenge, ImplementationStatus, ProgressReport
from reporting.services import NARRATIVE_NEEDED


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
            "people_reached",
            "challenges",
            "next_steps",
            "evidence_url",
        )
        labels = {
            "narrative": _("What was done this year"),
            "amount_disbursed_usd": _("Amount disbursed this year (US dollars)"),
            "people_reached": _("People reached"),
            "next_steps": _("Next steps"),
            "evidence_url": _("Link to evidence"),
        }
        help_texts = {
            "narrative": _(
                "Results, milestones and what changed for the people concerned. Needed to submit; a draft may wait."
            ),
            "amount_disbursed_usd": _("For financial commitments. Convert other currencies to US dollars."),
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
        values = {name: "" if value is None else value for name, value in values.items()}
        values["places"] = list(report.places.values_list("pk", flat=True))
        return values

    def service_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["places"] = list(self.cleaned_data.get("places") or [])
        return data
