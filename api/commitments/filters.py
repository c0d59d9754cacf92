"""The API's view of the shared filters: exactly reporting/filters.py,
with a sentence for partners on each filter (the OpenAPI description) and
`mine` for makers who want their own commitments only."""

import copy

import django_filters
from django.utils.translation import gettext_lazy as _

from commitments.filters import MakerFilterSet
from commitments.models import Membership
from reporting.filters import CommitmentFilterSet

COMMITMENT_FILTER_HELP = {
    "coalition": _("Action Coalition slug, e.g. gender-based-violence; repeat the parameter for any of several."),
    "action_area": _("Action area id (see /api/v1/action-areas/); repeat for any of several."),
    "theme": _("Cross-cutting theme slug; repeat for any of several."),
    "maker": _("Commitment maker id."),
    "constituency": _("Constituency of the maker; repeat for any of several."),
    "country": _("ISO 3166-1 alpha-2 code of a country the commitment covers; repeat for any of several."),
    "region": _("UN Women region of the maker's country; repeat for any of several."),
    "place": _("ISO 3166-2 code of a sub-national place the commitment works in (or a place inside it), e.g. KE-30."),
    "commitment_type": _("Type of commitment; repeat for any of several (any matches)."),
    "scope": _("Scope; repeat for any of several."),
    "status": _("Review status; anonymous callers only ever see approved and withdrawn commitments."),
    "reporting_status": _("Derived reporting status; repeat for any of several."),
    "implementation_status": _("Implementation status of the latest progress report; repeat for any of several."),
    "start_year": _("Starts in or after this year."),
    "end_year": _("Ends in or before this year."),
    "min_amount": _("Amount committed (USD) at least this."),
    "max_amount": _("Amount committed (USD) at most this."),
    "smart_score": _("SMART score, 0 to 5; repeat for any of several."),
    "smart_score_min": _("SMART score at least this (0 to 5)."),
    "progress_min": _("Progress (0 to 100) at least this; commitments with nothing measurable never match."),
    "progress_max": _("Progress (0 to 100) at most this; commitments with nothing measurable never match."),
    "updated_since": _("Changed at or after this moment (ISO 8601, e.g. 2025-01-31T00:00:00Z): incremental sync."),
    "search": _(
        "A reference (GE-2024-00278: exactly that commitment) or words to find in the title, the description "
        "or the maker's name or acronym; results come best match first unless ordering is given."
    ),
    "ordering": _(
        "Sort by one of these fields; prefix with - for descending. Ties are broken by id; commitments without a "
        "value (no amount, nothing measurable) come last either way."
    ),
}


def _with_help(filterset_class, help_texts):
    """Give each filter of an API FilterSet subclass its description without
    touching the shared filter objects the web catalogue uses."""
    for name, text in help_texts.items():
        described = copy.deepcopy(filterset_class.base_filters[name])
        described.extra["help_text"] = text
        filterset_class.base_filters[name] = described
    return filterset_class


class CommitmentApiFilterSet(CommitmentFilterSet):
    mine = django_filters.BooleanFilter(
        label=_("Only commitments of makers you are a member of, including your drafts (needs a token)."),
        method="filter_mine",
    )

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        if not (user and user.is_authenticated):
            return queryset.none()
        return queryset.filter(maker__in=Membership.objects.filter(user=user).values("maker_id"))


_with_help(CommitmentApiFilterSet, COMMITMENT_FILTER_HELP)


class MakerApiFilterSet(MakerFilterSet):
    pass


_with_help(
    MakerApiFilterSet,
    {"ordering": _("Sort by one of these fields; prefix with - for descending. Ties are broken by id.")},
)
