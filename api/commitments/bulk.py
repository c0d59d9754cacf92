"""The commitments list in bulk: the CSV as PostgreSQL's COPY and cursor
pages as plain dicts, both the very columns `CommitmentSerializer` writes.

`csv_columns()` are SQL expressions over the list's queryset (after
`CommitmentViewSet.with_row_data`), one per serializer field, that give the
text the Python CSV path gives (core.sqlcsv). `fast_rows()` builds a cursor
page from `values()` with the many-to-many codes read in one query per
relation, with no model instance or serializer per row.
"""

import datetime
import json

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, connections
from django.db.models import F, TextField
from django.db.models.functions import Cast

from api.fields import among
from commitments.models import TYPE_FLAGS, Commitment
from core import sqlcsv

# Serializer fields read as many-to-many codes: (field, attribute of the target).
CODE_FIELDS = {
    "coalitions": "slug",
    "action_areas": "pk",
    "themes": "slug",
    "countries": "code",
    "places": "code",
}
TIMESTAMPS = ("submitted_at", "published_at", "updated_at")
# Model and annotated columns read as they are, by serializer field.
PLAIN = {
    "id": "id",
    "reference": "reference",
    "maker": "maker_id",
    "maker_name": "maker_name",
    "amends": "amends_id",
    "title": "title",
    "description": "description",
    "language": "language",
    "translations": "translations",
    "financial_amount_usd": "financial_amount_usd",
    "scope": "scope",
    "start_year": "start_year",
    "end_year": "end_year",
    "target_groups": "target_groups",
    "partners": "partners",
    "status": "status",
    "reporting_status": "reporting_status",
    "implementation_status": "implementation_status",
    "smart_score": "smart_score",
    "progress": "progress",
}
JSON_COLUMNS = {"translations"}
# Columns a user types: the ones that may hold formula-like text.
TYPED = {"reference", "maker_name", "title", "description", "translations", "target_groups", "partners"}


def _link_ordering(relation):
    """The order `api.fields.attach_related_codes` lists codes in."""
    target = relation.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{term[1:]}" if term.startswith("-") else f"{target}__{term}"
        for term in relation.related_model._meta.ordering
    ]
    return [*ordering, f"{target}__pk"]


def codes_joined(name, attribute):
    """The codes of the many-to-many `name`, joined by ';', as a table of
    (commitment, codes) joined to the CSV's rows (`sqlcsv.Joined`)."""
    relation = Commitment._meta.get_field(name)
    owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()

    def build(keys):
        return (
            relation.remote_field.through.objects.filter(**{f"{owner}__in": keys})
            .order_by()
            .values(owner)
            .annotate(
                codes=StringAgg(Cast(F(f"{target}__{attribute}"), TextField()), ";", order_by=_link_ordering(relation))
            )
            .values(owner, "codes")
        )

    return sqlcsv.Joined(build)


def with_bulk_row_data(queryset):
    """`CommitmentViewSet.with_row_data` for all of a list at once: the
    statuses from their stored copy (`StoredReportingStatus`, the value the
    status filters read, kept equal to the rule) and the maker's name by a
    join, which for every row is one hashed pass instead of a rule and a
    lookup per row."""
    return queryset.annotate(
        reporting_status=F("stored_status__reporting_status"),
        implementation_status=F("stored_status__implementation_status"),
        maker_name=F("maker__name"),
    )


def csv_columns(field_names):
    """(name, expression, is_text) for each serializer field, in order."""
    columns = []
    for name in field_names:
        if name in CODE_FIELDS:
            columns.append((name, codes_joined(name, CODE_FIELDS[name]), True))
        elif name == "commitment_types":
            columns.append((name, sqlcsv.joined_flags(TYPE_FLAGS), False))
        elif name in TIMESTAMPS:
            columns.append((name, sqlcsv.IsoTimestamp(F(name)), False))
        else:
            columns.append((name, sqlcsv.text(F(PLAIN[name])), name in TYPED))
    return columns


def fast_rows(queryset, serializer):
    """The page `queryset` (rows already cut, built by `with_row_data`) as
    the dicts `serializer` would write, with no model instance or serializer
    per row: one values() query and one query per many-to-many relation. On
    PostgreSQL the timestamps and the amount come as the very text DRF
    writes (parsing them into Python objects to write them out again was a
    third of the page's time)."""
    fields = serializer.fields
    related = [name for name in fields if name in CODE_FIELDS]
    if connection.vendor == "postgresql":
        return _rows_with_text_from_postgresql(queryset, fields, related)
    amount = fields["financial_amount_usd"]
    plain = [(name, PLAIN[name]) for name in fields if name in PLAIN]
    flags = list(TYPE_FLAGS.items())
    wanted = [column for _, column in plain] + [flag for _, flag in flags] + list(TIMESTAMPS)
    values = list(queryset.values(*dict.fromkeys(wanted)))
    codes = _codes_by_row([row["id"] for row in values], related)
    rows = []
    for value in values:
        row = {name: value[column] for name, column in plain}
        if row["financial_amount_usd"] is not None:
            row["financial_amount_usd"] = amount.to_representation(row["financial_amount_usd"])
        for name in TIMESTAMPS:
            row[name] = _iso(value[name])
        row["commitment_types"] = [code for code, flag in flags if value[flag]]
        row.update(codes[value["id"]])
        rows.append({name: row[name] for name in fields})
    return rows


def _rows_with_text_from_postgresql(queryset, fields, related):
    computed = {f"_{name}": sqlcsv.IsoTimestamp(F(name)) for name in TIMESTAMPS}
    computed["_amount"] = sqlcsv.text(F("financial_amount_usd"))
    plain = [(name, PLAIN[name]) for name in fields if name in PLAIN and name != "financial_amount_usd"]
    flags = list(TYPE_FLAGS.items())
    columns = [column for _, column in plain] + [flag for _, flag in flags]
    names = [*dict.fromkeys(columns), *computed]
    values = [dict(zip(names, row, strict=True)) for row in _tuples(queryset.annotate(**computed).values_list(*names))]
    codes = _codes_by_row([row["id"] for row in values], related)
    rows = []
    json_columns = [column for _, column in plain if column in JSON_COLUMNS]
    for value in values:
        for column in json_columns:
            # Django has the driver hand JSON over as text, for the field to parse.
            if isinstance(value[column], str):
                value[column] = json.loads(value[column])
        row = {name: value[column] for name, column in plain}
        row["financial_amount_usd"] = value["_amount"]
        for name in TIMESTAMPS:
            row[name] = value[f"_{name}"]
        row["commitment_types"] = [code for code, flag in flags if value[flag]]
        row.update(codes[value["id"]])
        rows.append({name: row[name] for name in fields})
    return rows


def _iso(moment):
    """DRF's DateTimeField output in UTC (settings.TIME_ZONE), a tenth of
    its cost."""
    if moment is None:
        return None
    text = moment.astimezone(datetime.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _codes_by_row(ids, names):
    codes = {pk: {name: [] for name in names} for pk in ids}
    for name in names:
        relation = Commitment._meta.get_field(name)
        owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        links = (
            relation.remote_field.through.objects.filter(**{f"{owner}__in": among(ids)})
            .order_by(*_link_ordering(relation))
            .values_list(f"{owner}_id", f"{target}__{CODE_FIELDS[name]}")
        )
        for pk, code in _tuples(links):
            codes[pk][name].append(code)
    return codes


def _tuples(queryset):
    """The rows of a values_list() of plain columns (ids, codes, text) as
    the driver returns them: Django's per-row iteration cost more than the
    query on a page of a thousand rows."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
