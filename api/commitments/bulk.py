"""The commitments list in bulk: the CSV as PostgreSQL's COPY and cursor
pages as plain dicts, both the very columns `CommitmentSerializer` writes.

`csv_columns()` are SQL expressions over the list's queryset (after
`CommitmentViewSet.with_row_data`), one per serializer field, that give the
text the Python CSV path gives (core.sqlcsv). `fast_rows()` builds a cursor
page from one query, with no model instance or serializer per row. Both
read the many-to-many codes from their stored copy
(commitments/stored_codes.py), joined like the stored statuses, instead of
aggregating five link tables for every pull.
"""

import datetime
import json

from django.db import connections
from django.db.models import F, TextField, Value
from django.db.models.functions import NullIf

from commitments.models import TYPE_FLAGS
from commitments.stored_codes import CODE_FIELDS, split
from core import sqlcsv

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
            columns.append((name, NullIf(F(f"stored_codes__{name}"), Value(""), output_field=TextField()), True))
        elif name == "commitment_types":
            columns.append((name, sqlcsv.joined_flags(TYPE_FLAGS), False))
        elif name in TIMESTAMPS:
            columns.append((name, sqlcsv.IsoTimestamp(F(name)), False))
        else:
            columns.append((name, sqlcsv.text(F(PLAIN[name])), name in TYPED))
    return columns


def fast_rows(queryset, serializer):
    """The page `queryset` (rows already cut, built by `with_row_data`) as
    the dicts `serializer` would write, from one query with no model
    instance or serializer per row: the many-to-many codes from their stored
    copy (commitments/stored_codes.py) and, on PostgreSQL, the timestamps
    and the amount as the very text DRF writes (parsing them into Python
    objects to write them out again was a third of the page's time)."""
    fields = serializer.fields
    related = [name for name in fields if name in CODE_FIELDS]
    postgresql = connections[queryset.db].vendor == "postgresql"
    computed = {f"_{name}": F(f"stored_codes__{name}") for name in related}
    if postgresql:
        computed.update({f"_{name}": sqlcsv.IsoTimestamp(F(name)) for name in TIMESTAMPS})
        computed["_amount"] = sqlcsv.text(F("financial_amount_usd"))
    else:
        computed.update({f"_{name}": F(name) for name in TIMESTAMPS})
        computed["_amount"] = F("financial_amount_usd")
    amount = fields["financial_amount_usd"]
    plain = [(name, PLAIN[name]) for name in fields if name in PLAIN and name != "financial_amount_usd"]
    flags = list(TYPE_FLAGS.items())
    names = [*dict.fromkeys([column for _, column in plain] + [flag for _, flag in flags]), *computed]
    query = queryset.annotate(**computed).values_list(*names)
    values = [dict(zip(names, row, strict=True)) for row in (_tuples(query) if postgresql else query)]
    json_columns = [column for _, column in plain if column in JSON_COLUMNS]
    rows = []
    for value in values:
        for column in json_columns:
            # Django has the driver hand JSON over as text, for the field to parse.
            if value[column] == "{}":
                value[column] = {}
            elif isinstance(value[column], str):
                value[column] = json.loads(value[column])
        row = {name: value[column] for name, column in plain}
        if postgresql:
            row["financial_amount_usd"] = value["_amount"]
            for name in TIMESTAMPS:
                row[name] = value[f"_{name}"]
        else:
            money = value["_amount"]
            row["financial_amount_usd"] = None if money is None else amount.to_representation(money)
            for name in TIMESTAMPS:
                row[name] = _iso(value[f"_{name}"])
        row["commitment_types"] = [code for code, flag in flags if value[flag]]
        for name in related:
            row[name] = split(name, value[f"_{name}"])
        rows.append({name: row[name] for name in fields})
    return rows


def _iso(moment):
    """DRF's DateTimeField output in UTC (settings.TIME_ZONE), a tenth of
    its cost."""
    if moment is None:
        return None
    text = moment.astimezone(datetime.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _tuples(queryset):
    """The rows of a values_list() of plain columns (ids, codes, text) as
    the driver returns them: Django's per-row iteration cost more than the
    query on a page of a thousand rows."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
