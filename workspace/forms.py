"""Forms of the maker's workspace: organisations, members and
commitments. They check what a person typed and hand clean data to the
services; the services have the last word and their ValidationErrors are
mapped back onto these fields (see `add_service_errors`)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coalitions.models import ActionArea, ActionCoalition, Country, Region, Subdivision, Theme
from coalitions.translation import by_name
from commitments import texts
from commitments.models import FIRST_YEAR, LAST_YEAR, CommitmentMaker, CommitmentType, Constituency, Membership, Scope

User = get_user_model()


def add_service_errors(form, error, field_aliases=None):
    """Put a service's ValidationError onto `form`: per-field messages next to
    their field (under its alias if the form names it differently), a
    message whose code names an item the form has a field for (a form's
    `service_error_field(code)`, e.g. `indicator-12`) at that field, the rest
    at the top of the form."""
    field_aliases = field_aliases or {}
    item_field = getattr(form, "service_error_field", lambda code: None)
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = field_aliases.get(name, name)
            target = name if name in form.fields else None
            for item in errors:
                at = item_field(item.code) if item.code else None
                for message in item.messages:
                    form.add_error(at if at in form.fields else target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# Organisations ---------------------------------------------------------------


class MakerForm(forms.ModelForm):
    """A new commitment maker profile."""

    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), help_text=_("Where the organisation is based.")
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = CommitmentMaker
        fields = ("name", "acronym", "constituency", "country", "website")
        labels = {
            "name": _("Name of the organisation"),
            "acronym": _("Acronym"),
            "constituency": _("Constituency"),
            "website": _("Website"),
        }
        help_texts = {
            "name": _("Its full name, as it appears in official documents. Member States use the country's name."),
            "acronym": _("Optional, for example UNFPA."),
        }

    # Shown once the organisation looks like one already registered: ticking
    # it is the second, deliberate submit.
    confirm_new = forms.BooleanField(
        label=_("None of these is my organisation: register it as a new one"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].choices = [("", _("Choose a constituency"))] + list(Constituency.choices)
        self.fields["country"].empty_label = _("Choose a country")
        self.fields["country"].queryset = Country.objects.order_by(by_name())

    def maker_data(self):
        """What services.maker_create takes: the profile, not the confirmation."""
        return {name: value for name, value in self.cleaned_data.items() if name != "confirm_new"}


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owners (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say who you are, so that they recognise you."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


# Commitments -----------------------------------------------------------------


def _text_fields(code):
    """The names of the title and description fields of language `code`
    (zh-hans → title_zh_hans, description_zh_hans)."""
    key = code.replace("-", "_")
    return f"title_{key}", f"description_{key}"


def _in(code, widget=None):
    """A text widget whose contents are written in language `code`."""
    widget = widget or forms.TextInput()
    widget.attrs.update({"lang": code})
    return widget


def _year_field(label):
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-year"}),
    )


class CommitmentForm(forms.Form):
    """Every field a maker writes on a commitment. Checkbox groups are drawn by
    the template from `coalition_options`, `action_area_groups`,
    `theme_options` and `country_groups`, so that they can be grouped; the
    fields themselves still do the validation.

    "Save a draft at any time" is meant: saving a draft needs the title alone
    (`submitting=False`); submitting needs everything, and every missing piece
    is reported at once. The fields keep `required` as a submission sees it,
    so that the labels say what a complete commitment needs."""

    # Required to submit, not to save a draft.
    REQUIRED_ON_SUBMIT = ("description", "coalitions", "commitment_types", "scope", "start_year", "end_year")
    SCOPES_NEEDING_COUNTRIES = ("national", "local")

    title = forms.CharField(
        label=_("Title"), max_length=255, help_text=_("A short sentence that says what you will do.")
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What will be done, how, and what will change when it is done."),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and description"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Readers in other languages see the text you add for them below, or this one."),
    )
    coalitions = forms.ModelMultipleChoiceField(
        label=_("Action Coalitions"),
        queryset=ActionCoalition.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one Action Coalition.")},
    )
    action_areas = forms.ModelMultipleChoiceField(
        label=_("Action areas"),
        queryset=ActionArea.objects.select_related("coalition"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only the action areas of the coalitions you chose above."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Cross-cutting themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    commitment_types = forms.MultipleChoiceField(
        label=_("Type of commitment"),
        choices=CommitmentType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one type of commitment.")},
        help_text=_("Choose every type that applies."),
    )
    financial_amount_usd = forms.DecimalField(
        label=_("Amount committed (US dollars)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "class": "input-amount"}),
        help_text=_("Convert other currencies to US dollars at the rate of the day you commit."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, widget=forms.RadioSelect)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Where the commitment is implemented. A regional or global commitment may name none."),
    )
    places = forms.ModelMultipleChoiceField(
        label=_("Sub-national places"),
        queryset=Subdivision.objects.all(),
        required=False,
        help_text=_(
            "For a national or local commitment: the counties, regions or provinces where it works. "
            "The places of the countries you chose are offered; choose countries and save to see theirs."
        ),
    )
    start_year = _year_field(_("Start year"))
    end_year = _year_field(_("End year"))
    target_groups = forms.CharField(
        label=_("Target groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who the commitment is for, for example adolescent girls or rural women."),
    )
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Organisations you work with on it."),
    )

    # Service errors name model fields; these are the form's names for them.
    SERVICE_FIELD_ALIASES = {
        "is_policy": "commitment_types",
        "is_programme": "commitment_types",
        "is_financial": "commitment_types",
        "is_advocacy": "commitment_types",
    }

    def __init__(self, *args, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["language"].initial = self.initial.get("language") or translation.get_language()
        # The title and description in each language, for readers of it;
        # the one in the commitment's own language stays empty.
        for code, name in settings.LANGUAGES:
            title_name, description_name = _text_fields(code)
            self.fields[title_name] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=False,
                max_length=texts.TITLE_MAX_LENGTH,
                widget=_in(code),
            )
            self.fields[description_name] = forms.CharField(
                label=_("Description in %(language)s") % {"language": name},
                required=False,
                max_length=texts.DESCRIPTION_MAX_LENGTH,
                widget=_in(code, forms.Textarea(attrs={"rows": 5})),
            )
        # One query per reference table, reused for validation and drawing.
        self.coalition_list = list(ActionCoalition.objects.all())
        self.area_list = list(ActionArea.objects.select_related("coalition"))
        self.theme_list = list(Theme.objects.all())
        self.country_list = list(Country.objects.order_by(by_name()))
        # The places offered: those of the chosen countries, and any already
        # chosen (so a stray one shows, with its error, rather than vanishing).
        countries, places = self._chosen("countries"), self._chosen("places")
        self.place_list = list(
            Subdivision.objects.filter(Q(country__in=countries) | Q(pk__in=places)).select_related("country")
        )

    @classmethod
    def initial_from(cls, commitment):
        return {
            "title": commitment.title,
            "description": commitment.description,
            "language": commitment.language,
            **{
                field: (commitment.translations or {}).get(code, {}).get(part, "")
                for code, _name in settings.LANGUAGES
                for part, field in zip(("title", "description"), _text_fields(code), strict=True)
            },
            "coalitions": [c.pk for c in commitment.coalitions.all()],
            "action_areas": [a.pk for a in commitment.action_areas.all()],
            "themes": [t.pk for t in commitment.themes.all()],
            "commitment_types": commitment.commitment_types,
            "financial_amount_usd": commitment.financial_amount_usd,
            "scope": commitment.scope,
            "countries": [c.pk for c in commitment.countries.all()],
            "places": [p.pk for p in commitment.places.all()],
            "start_year": commitment.start_year,
            "end_year": commitment.end_year,
            "target_groups": commitment.target_groups,
            "partners": commitment.partners,
        }

    @classmethod
    def data_from(cls, commitment):
        """The commitment as if its form had just been posted: to check a
        saved draft against a submission's rules and show what it lacks."""
        return {name: "" if value is None else value for name, value in cls.initial_from(commitment).items()}

    def _chosen(self, name):
        value = self[name].value() or []
        if not isinstance(value, list | tuple):
            value = [value]
        return {str(getattr(item, "pk", item)) for item in value}

    def _option(self, name, value, label, chosen):
        return {
            "id": f"id_{name}_{value}",
            "name": name,
            "value": value,
            "label": label,
            "checked": str(value) in chosen,
        }

    def coalition_options(self):
        chosen = self._chosen("coalitions")
        return [self._option("coalitions", c.pk, c.name, chosen) | {"slug": c.slug} for c in self.coalition_list]

    def action_area_groups(self):
        chosen = self._chosen("action_areas")
        chosen_coalitions = self._chosen("coalitions")
        groups = {}
        for area in self.area_list:
            group = groups.setdefault(
                area.coalition_id,
                {
                    "coalition": area.coalition,
                    "selected_coalition": str(area.coalition_id) in chosen_coalitions,
                    "options": [],
                },
            )
            group["options"].append(self._option("action_areas", area.pk, f"{area.number}. {area.title}", chosen))
        return list(groups.values())

    def theme_options(self):
        chosen = self._chosen("themes")
        return [self._option("themes", t.pk, t.name, chosen) for t in self.theme_list]

    def type_options(self):
        chosen = self._chosen("commitment_types")
        return [self._option("commitment_types", code, label, chosen) for code, label in CommitmentType.choices]

    def scope_options(self):
        current = self["scope"].value()
        return [
            {"id": f"id_scope_{code}", "value": code, "label": label, "checked": code == current}
            for code, label in Scope.choices
        ]

    def country_groups(self):
        chosen = self._chosen("countries")
        groups = {code: {"region": label, "code": code, "options": [], "chosen": 0} for code, label in Region.choices}
        for country in self.country_list:
            group = groups[country.region]
            option = self._option("countries", country.pk, country.name, chosen)
            group["options"].append(option)
            group["chosen"] += option["checked"]
        return [group for group in groups.values() if group["options"]]

    def place_groups(self):
        """The offered places as (country name, options), by country."""
        chosen = self._chosen("places")
        groups = {}
        for place in self.place_list:
            groups.setdefault(place.country.name, []).append(
                {"value": place.pk, "label": f"{place.name} ({place.type})", "selected": place.pk in chosen}
            )
        return sorted(groups.items())

    def language_versions(self):
        """The other languages' title and description fields, for the
        template: each language open where it holds text or an error."""
        versions = []
        for code, name in settings.LANGUAGES:
            title, description = (self[name] for name in _text_fields(code))
            filled = bool((title.value() or "").strip() or (description.value() or "").strip())
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "title": title,
                    "description": description,
                    "open": filled or bool(title.errors or description.errors),
                }
            )
        return versions

    def chosen_country_names(self):
        chosen = self._chosen("countries")
        return [country.name for country in self.country_list if country.pk in chosen]

    def full_clean(self):
        if self.submitting:
            return super().full_clean()
        relaxed = [name for name in self.REQUIRED_ON_SUBMIT if self.fields[name].required]
        for name in relaxed:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in relaxed:
                self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        types = cleaned.get("commitment_types") or []
        amount = cleaned.get("financial_amount_usd")
        if (
            self.submitting
            and CommitmentType.FINANCIAL in types
            and amount is None
            and "financial_amount_usd" not in self.errors
        ):
            self.add_error(
                "financial_amount_usd",
                _("A financial commitment needs the amount committed, in US dollars."),
            )
        if (
            self.submitting
            and cleaned.get("scope") in self.SCOPES_NEEDING_COUNTRIES
            and not cleaned.get("countries")
            and "countries" not in self.errors
        ):
            self.add_error("countries", _("A national or local commitment names at least one country."))
        self._clean_translations(cleaned)
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        coalitions = cleaned.get("coalitions")
        areas = cleaned.get("action_areas")
        if coalitions is not None and areas:
            chosen = {c.pk for c in coalitions}
            stray = [str(a) for a in areas if a.coalition_id not in chosen]
            if stray:
                self.add_error(
                    "action_areas",
                    _(
                        "These action areas belong to coalitions you did not choose: %(areas)s. Untick them, or choose their coalition."
                    )
                    % {"areas": "; ".join(stray)},
                )
        return cleaned

    def _clean_translations(self, cleaned):
        """Collect the other languages' texts into `translations`; a title
        is needed to show a language's version, and the commitment's own
        language is written in the title and description above."""
        own = cleaned.get("language")
        translations = {}
        for code, name in settings.LANGUAGES:
            title_name, description_name = _text_fields(code)
            title = (cleaned.pop(title_name, "") or "").strip()
            description = (cleaned.pop(description_name, "") or "").strip()
            if not (title or description):
                continue
            if code == own:
                self.add_error(
                    title_name if title else description_name,
                    _(
                        "%(language)s is the language of the title and description above: move this text "
                        "there, or choose another language for them."
                    )
                    % {"language": name},
                )
            elif not title:
                self.add_error(title_name, _("Give the %(language)s title too.") % {"language": name})
            translations[code] = {"title": title, "description": description}
        cleaned["translations"] = translations

    def service_data(self):
        """The cleaned data in the shape commitments.services expects."""
        data = dict(self.cleaned_data)
        data["commitment_types"] = data.get("commitment_types") or []
        data["scope"] = data.get("scope") or ""
        data["description"] = data.get("description") or ""
        if not data.get("language"):
            # A form posted without it (an older page) keeps the commitment's.
            data.pop("language", None)
        if CommitmentType.FINANCIAL not in data["commitment_types"]:
            # An amount only means something on a financial commitment.
            data["financial_amount_usd"] = None
        return data

    def add_service_errors(self, error):
        add_service_errors(self, error, self.SERVICE_FIELD_ALIASES)


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=_("Why are you withdrawing it? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the commitment's history, which the secretariat reads."),
    )
