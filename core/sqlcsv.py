"""CSV written by PostgreSQL itself: `COPY (SELECT …) TO STDOUT WITH CSV`.

A list of a million rows serialised in Python costs about 300 µs a row
(model instances, a serializer, the csv module); PostgreSQL's COPY writes the
same rows at hundreds of thousands a second. So the big CSVs (the API's
`?format=csv`) are a SELECT built by the ORM from the very queryset the list
filters (same permissions, same filters, same order), whose columns are SQL
expressions that produce exactly the text the Python path writes:

- every text cell passes through `Neutralised`, the rule of
  `core.spreadsheets.is_formula_like` written in SQL (a test compares both
  outputs byte for byte on tricky data);
- empty texts become NULL, because COPY writes an empty string as `""` and
  Python's csv module writes it as nothing;
- timestamps as DRF writes them (`isoformat()` in UTC with `Z`), decimals as
  PostgreSQL's numeric text, which is what DRF's quantized `str()` gives;
- rows end in CRLF like Python's csv module (PostgreSQL sends one row per
  message; each gets its `\\r` before the `\\n`).

The SELECT's parameters go to psycopg as parameters (`sql_with_params()`),
never pasted into the text. SQLite (the embedded default) has no COPY:
`available()` says so and callers keep their Python path. The one text the
two paths write differently is a cell that is exactly `\\.`, which COPY
quotes (it would end the data in PostgreSQL's own text format).
"""

from django.db import connections
from django.db.models import Case, CharField, F, Func, TextField, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, NullIf, RowNumber

from core.spreadsheets import FORMULA_STARTS

# Rows joined into one chunk of the response (about 1 MB at 500 bytes a row).
ROWS_PER_CHUNK = 2000

# What str.lstrip() strips: every character whose str.isspace() is true
# (a test checks the list against Python's).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)


def _bracket(chars):
    """A regular-expression bracket of `chars`, for PostgreSQL's ARE."""
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in sorted(chars)) + "]"


_STARTS = _bracket(FORMULA_STARTS)
# A cell worth a closer look: one that starts with a formula character or a space.
_MAYBE = "^" + _bracket(set(FORMULA_STARTS) | set(WHITESPACE))
# Control characters that are formula starts: no plain number starts with them.
_CONTROL = "^" + _bracket(set(FORMULA_STARTS) & set(WHITESPACE))
_START = "^" + _STARTS
# core.spreadsheets._PLAIN_NUMBER, anchored.
_PLAIN_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def available(using="default"):
    return connections[using].vendor == "postgresql"


def neutralised(column):
    """SQL (and its parameters) for the text column `column` as
    `core.spreadsheets.neutralise` writes it: an apostrophe before
    formula-like text; empty text as NULL (see the module's notes)."""
    value = f"NULLIF({column}::text, '')"
    trimmed = f"ltrim({value}, %s)"
    quote = "'" * 4  # an SQL literal holding one apostrophe
    sql = (
        f"(CASE WHEN {value} !~ %s THEN {value}"
        f" WHEN {value} ~ %s THEN {quote} || {value}"
        f" WHEN {trimmed} ~ %s AND {trimmed} !~ %s THEN {quote} || {value}"
        f" ELSE {value} END)"
    )
    return sql, [_MAYBE, _CONTROL, WHITESPACE, _START, WHITESPACE, _PLAIN_NUMBER]


class IsoTimestamp(Func):
    """A timestamp as DRF's DateTimeField writes it in UTC:
    2024-05-01T10:20:30Z, with .ffffff only when there are microseconds."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        value, params = compiler.compile(self.source_expressions[0])
        utc = f"({value} AT TIME ZONE 'UTC')"
        sql = (
            f"(to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
            f" || CASE WHEN date_trunc('second', {utc}) = {utc} THEN '' ELSE to_char({utc}, '.US') END || 'Z')"
        )
        return sql, [*params, *params, *params, *params]


def joined_flags(flags):
    """The codes of `flags` ({code: boolean field}) that are true, joined by
    ';' in that order; NULL when none is."""
    cases = [Case(When(**{field: True}, then=Value(code)), output_field=TextField()) for code, field in flags.items()]
    joined = Func(Value(";"), *cases, function="concat_ws", output_field=TextField())
    return NullIf(joined, Value(""), output_field=TextField())


def text(expression):
    """A column as text."""
    return Cast(expression, TextField())


class Joined:
    """A column read from a table of (key, value) rows, one per row of the
    list at most, joined on the row's primary key: the lists of related codes.
    A correlated subquery per row cost about 60 µs a relation (five of them
    were most of a CSV's time); one grouped pass over the link table, hashed
    and joined, costs a few hundred milliseconds for all rows.

    `build(keys)` returns a values() queryset of exactly two columns, the key
    and the value, restricted by `<key>__in=keys` (an SQL subquery of the
    listed rows' keys) so a filtered list aggregates only its own links."""

    def __init__(self, build):
        self.build = build


def _ordering(queryset):
    """The queryset's ORDER BY as expressions, for a row number over it."""
    terms = []
    for term in queryset.query.order_by:
        if isinstance(term, str):
            name = term.lstrip("-")
            terms.append(F(name).desc() if term.startswith("-") else F(name).asc())
        else:
            terms.append(term)
    return terms


def copy_statement(queryset, columns):
    """The COPY statement of `copy_csv` and its parameters."""
    aliases = {
        f"_csv_{n}": expression for n, (_, expression, _) in enumerate(columns) if not isinstance(expression, Joined)
    }
    listed = queryset.annotate(
        _csv_key=F("pk"), _csv_order=Window(RowNumber(), order_by=_ordering(queryset)), **aliases
    ).values("_csv_key", "_csv_order", *aliases)
    inner, params = listed.query.sql_with_params()
    outer, outer_params, joins, join_params = [], [], [], []
    keys = RawSQL('SELECT rows."_csv_key" FROM rows', [])  # noqa: S611 — a fixed text, no value in it
    for n, (_, expression, is_text) in enumerate(columns):
        if isinstance(expression, Joined):
            sql, more = expression.build(keys).query.sql_with_params()
            joins.append(f'LEFT JOIN ({sql}) AS "_csv_j{n}" (key, value) ON "_csv_j{n}".key = rows."_csv_key"')
            join_params += more
            column = f'"_csv_j{n}".value'
        else:
            column = f'rows."_csv_{n}"'
        if is_text:
            sql, more = neutralised(column)
            outer.append(sql)
            outer_params += more
        else:
            outer.append(column)
    # The listed rows once (MATERIALIZED: the joins' key subqueries read them
    # again), then the joined columns, then the list's own order back: joins
    # are free to shuffle rows, the row number is not.
    statement = (
        f"COPY (WITH rows AS MATERIALIZED ({inner}) "  # noqa: S608 — our own SQL text; values are parameters
        f"SELECT {', '.join(outer)} FROM rows {' '.join(joins)} "
        f'ORDER BY rows."_csv_order") TO STDOUT WITH (FORMAT csv)'
    )
    params = (*params, *outer_params, *join_params)
    return statement, params


def copy_csv(queryset, columns):
    """The CSV of `queryset` (already filtered and ordered) as chunks of
    bytes: a header, then one line per row. `columns` are (name, expression,
    is_text) in order; text columns are neutralised; a `Joined` expression is
    joined on the row's key. Runs on the queryset's database connection, which
    must be PostgreSQL."""
    statement, params = copy_statement(queryset, columns)
    connection = connections[queryset.db]
    header = (",".join(_quoted(name) for name, _, _ in columns) + "\r\n").encode()

    def chunks():
        yield header
        with connection.cursor() as cursor:
            with cursor.cursor.copy(statement, params) as copy:
                lines = []
                for row in copy:
                    # One message per row, ending in \n: Python's csv ends rows in \r\n.
                    lines.append(bytes(row[:-1]))
                    if len(lines) >= ROWS_PER_CHUNK:
                        yield b"\r\n".join(lines) + b"\r\n"
                        lines = []
                if lines:
                    yield b"\r\n".join(lines) + b"\r\n"

    return chunks()


def _quoted(name):
    return f'"{name}"' if any(c in name for c in ',"\r\n') else name
