"""Writing rows fast: the field orders rows are written in, `RowWriter`
(COPY on PostgreSQL, bulk_create elsewhere), `given_timestamps` and
`indexes_built_after_load` around the load, and the references of rows whose
ids are known before the insert."""

import json
from contextlib import contextmanager

from django.db import connection, models
from django.utils import timezone

from .common import BATCH_SIZE

# Rows are written as tuples in these orders (see RowWriter).
COMMITMENT_FIELDS = [
    "maker_id",
    "amends_id",
    "title",
    "description",
    "is_policy",
    "is_programme",
    "is_financial",
    "is_advocacy",
    "financial_amount_usd",
    "scope",
    "start_year",
    "end_year",
    "target_groups",
    "partners",
    "status",
    "created_at",
    "submitted_at",
    "published_at",
    "updated_at",
]
# Columns the demo's rows leave out but the table needs (COPY sets no model
# defaults): what every new row starts with. The stored SMART score and
# progress are computed after the load (demo/build_measures.py).
COMMITMENT_DEFAULTS = {"smart_score": 0, "language": "en", "translations": {}}
REPORT_DEFAULTS = {"currency": "", "assessment": "", "assessment_comment": ""}
ROW_DEFAULTS = {**COMMITMENT_DEFAULTS, **REPORT_DEFAULTS}

REPORT_FIELDS = [
    "commitment_id",
    "cycle_id",
    "implementation_status",
    "narrative",
    "amount_disbursed_usd",
    "people_reached",
    "challenges",
    "next_steps",
    "evidence_url",
    "status",
    "created_at",
    "submitted_at",
    "updated_at",
]
EVENT_FIELDS = [
    "commitment_id",
    "progress_report_id",
    "is_amendment",
    "actor_id",
    "action",
    "from_status",
    "to_status",
    "comment",
    "created_at",
]

MAKER_FIELDS = [
    "name",
    "acronym",
    "constituency",
    "country_id",
    "website",
    "verified",
    "verified_at",
    "created_at",
    "updated_at",
]
USER_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "password",
    "date_joined",
    "is_staff",
    "is_superuser",
    "is_active",
]
MEMBERSHIP_FIELDS = ["user_id", "maker_id", "role", "created_at"]


@contextmanager
def given_timestamps(*models):
    """Switch off auto_now and auto_now_add on `models` for the duration, so
    that bulk inserts keep the timestamps the demo gives them (DateTimeField
    would otherwise stamp every row with the moment of the insert)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class RowWriter:
    """Inserts rows given as tuples in the order of `fields`.

    On PostgreSQL it uses COPY, several times faster than INSERT, with ids
    taken from the table's sequence beforehand (`new_ids`) so that
    references and links between rows are known before anything is sent.
    Elsewhere (SQLite) it builds model instances and uses bulk_create,
    which returns the ids."""

    def __init__(self):
        self.copy = connection.vendor == "postgresql"

    def new_ids(self, model, count):
        """`count` fresh primary keys on PostgreSQL; None elsewhere, where
        the insert itself gives them."""
        if not self.copy or not count:
            return None
        opts = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, opts.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def insert(self, model, fields, rows):
        """Insert `rows` and return their primary keys, in order, when the
        database hands them back (bulk_create); COPY returns none."""
        if not rows:
            return []
        if not self.copy:
            objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            return [obj.pk for obj in objects]
        opts = model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
        jsons = [index for index, name in enumerate(fields) if isinstance(opts.get_field(name), models.JSONField)]
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if jsons:
                    row = list(row)
                    for position in jsons:
                        row[position] = json.dumps(row[position])
                copy.write_row(row)
        return []


@contextmanager
def indexes_built_after_load(*models):
    """On PostgreSQL, drop the secondary indexes and the unique and foreign
    key constraints of the tables about to be filled, and build them again
    once the rows are in: building an index once is several times faster
    than updating sixteen of them row by row, and re-adding a foreign key
    checks every row in one join instead of one trigger per row. The
    definitions are read from the catalogue and restored under the same
    names, inside the caller's transaction, so a failure rolls everything
    back and the schema ends exactly as migrations left it. Elsewhere it
    does nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f')
            ORDER BY contype DESC, conname
            """,
            [tables],
        )
        constraints = cursor.fetchall()  # unique ones first, then foreign keys
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = ANY(%s)
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))
            ORDER BY indexname
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        # Foreign keys are checked at commit; a table with checks still
        # pending cannot be altered, so run them now (as Django's own
        # check_constraints does) and defer again afterwards.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def commitment_reference(created_at, pk):
    """The reference `Commitment.objects.assign_missing_references()` gives,
    worked out in Python for rows whose id is known before the insert."""
    return f"GE-{timezone.localtime(created_at).year}-{pk:05d}"
