"""The one FilterSet for commitments, used by the public catalogue and by the
REST API alike, so that a filtered page and a filtered pull always agree.

Filters over many-to-many fields use `pk IN (subquery)` rather than joins, so
no filter multiplies rows and no query needs DISTINCT over a large table.
Values that do not exist (an unknown coalition slug, a malformed year) make
the form invalid: the API answers 400 with a message per filter, the web page
shows the message next to the filter.
"""

import datetime

import django_filters
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from coalitions.models import ActionCoalition, Country, Region

from .models import Commitment, CommitmentMaker, Constituency


def through_ids(field, **lookup):
    """Commitment ids linked through the many-to-many `field` to rows
    matching `lookup`, as a subquery."""
    through = Commitment._meta.get_field(field).remote_field.through
    return through.objects.filter(**lookup).values("commitment_id")


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering that always ends on the primary key, so that pages never
    overlap or skip rows when many commitments share a value."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        ordering = list(qs.query.order_by) or list(qs.model._meta.ordering)
        names = [term for term in ordering if isinstance(term, str)]
        if not any(term.lstrip("-") in ("id", "pk") for term in names):
            descending = bool(names) and names[0].startswith("-")
            ordering.append("-id" if descending else "id")
        return qs.order_by(*(empty_values_last(qs.model, term) for term in ordering))


def empty_values_last(model, term):
    """An ordering term that puts rows without a value (NULL) after the rest
    in both directions: sorting by amount must show the largest amounts
    first, not every commitment without one (PostgreSQL sorts NULLs as the
    largest value, SQLite as the smallest)."""
    if not isinstance(term, str):
        return term
    name = term.lstrip("-")
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return term
    if not getattr(field, "null", False):
        return term
    return F(name).desc(nulls_last=True) if term.startswith("-") else F(name).asc(nulls_last=True)


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC before it reaches the database:
    PostgreSQL refuses offsets beyond ±15:59 that Python accepts."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(_("Enter a moment between the years 1 and 9999."), code="invalid") from None


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since`: rows changed at or after this moment."""

    field_class = UtcDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        super().__init__(*args, **kwargs)


MAKER_ORDERING_FIELDS = (
    ("name", "name"),
    ("updated_at", "updated_at"),
    ("id", "id"),
)


class MakerFilterSet(django_filters.FilterSet):
    """Filters on commitment makers, matching the commitment filters: the
    same codes and slugs, and a coalition means "has a public commitment in
    it"."""

    constituency = django_filters.MultipleChoiceFilter(
        label=_("Constituency"), choices=Constituency.choices, field_name="constituency", distinct=False
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country where the maker is based (ISO 3166-1 alpha-2 code; repeat for any of several)"),
        queryset=Country.objects.all(),
        field_name="country",
        distinct=False,
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("UN Women region of the maker's country"),
        choices=Region.choices,
        field_name="country__region",
        distinct=False,
    )
    coalition = django_filters.ModelMultipleChoiceFilter(
        label=_("Makers with a public commitment to this Action Coalition (slug; repeat for any of several)"),
        queryset=ActionCoalition.objects.all(),
        to_field_name="slug",
        method="filter_coalition",
    )
    verified = django_filters.BooleanFilter(label=_("Verified by the secretariat"), field_name="verified")
    updated_since = UpdatedSinceFilter(label=_("Changed at or after this moment (ISO 8601)"))
    search = django_filters.CharFilter(label=_("Words in the name or acronym"), method="filter_search")
    ordering = StableOrderingFilter(label=_("Sort by"), fields=MAKER_ORDERING_FIELDS)

    class Meta:
        model = CommitmentMaker
        fields = []

    def filter_coalition(self, queryset, name, value: str):
        if not value:
            return queryset
        makers = (
            Commitment.objects.public()
            .filter(pk__in=through_ids("coalitions", actioncoalition__in=value))
            .values("maker_id")
        )
        return queryset.filter(pk__in=makers)

    def filter_search(self, queryset, name, value):
        """Every word must appear in the name or the acronym."""
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(acronym__icontains=word))
        return queryset
