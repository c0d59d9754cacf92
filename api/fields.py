"""Many-to-many fields as lists of codes, read in one query per page."""

from django.db import connection
from django.db.models.expressions import RawSQL
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField


def among(ids):
    """`ids` for an `__in` lookup: on PostgreSQL one array parameter
    (`IN (SELECT unnest(%s))`), because psycopg converts a query with a
    thousand placeholders in about 13 ms and caches only short ones; a page
    of 1,000 rows runs six such queries."""
    ids = [int(pk) for pk in ids]
    if connection.vendor != "postgresql":
        return ids
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])  # noqa: S611 — a fixed text; the ids are a parameter


# Many-to-many fields as lists of codes -----------------------------------------


class AttachedCodes(list):
    """The codes `attach_related_codes` found for one row and relation."""


class RelatedCodesField(ManyRelatedField):
    """A many-to-many field that reads the codes attached to each row by
    `attach_related_codes` (one query per relation for a whole page) rather
    than a prefetched model instance per code, which cost more than the
    rest of the row together. Without them it reads the relation as usual;
    writing is unchanged."""

    def get_attribute(self, instance):
        attached = getattr(instance, "related_codes", None)
        if attached is not None and self.source in attached:
            return attached[self.source]
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        if isinstance(iterable, AttachedCodes):
            return list(iterable)
        return super().to_representation(iterable)


class CodesManyMixin:
    """With many=True, build a RelatedCodesField (see DRF's many_init)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update((key, value) for key, value in kwargs.items() if key in MANY_RELATION_KWARGS)
        return RelatedCodesField(**list_kwargs)


class SlugCodesField(CodesManyMixin, serializers.SlugRelatedField):
    """Related rows by slug (or code); with many=True, see RelatedCodesField."""


class PrimaryKeyCodesField(CodesManyMixin, serializers.PrimaryKeyRelatedField):
    """Related rows by id; with many=True, see RelatedCodesField."""


def attach_related_codes(rows, fields):
    """Give every row `related_codes`: for each RelatedCodesField among the
    serializer `fields`, the related rows' slugs or ids in the order the
    related model sorts in, read with one query per relation from the
    many-to-many table."""
    code_fields = [field for field in fields.values() if isinstance(field, RelatedCodesField)]
    if not rows or not code_fields:
        return
    ids = [row.pk for row in rows]
    attached = {pk: {} for pk in ids}
    model = type(rows[0])
    for field in code_fields:
        relation = model._meta.get_field(field.source)
        owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        attribute = getattr(field.child_relation, "slug_field", "pk")
        ordering = [
            f"-{target}__{term[1:]}" if term.startswith("-") else f"{target}__{term}"
            for term in relation.related_model._meta.ordering
        ]
        for codes in attached.values():
            codes[field.source] = AttachedCodes()
        links = (
            relation.remote_field.through.objects.filter(**{f"{owner}__in": among(ids)})
            .order_by(*ordering, f"{target}__pk")
            .values_list(f"{owner}_id", f"{target}__{attribute}")
        )
        for pk, code in links:
            attached[pk][field.source].append(code)
    for row in rows:
        row.related_codes = attached[row.pk]
