"""Searching commitments: by reference, by words, ranked by relevance.

One function, `search_commitments`, used by the shared FilterSet, so the
public catalogue and the API search alike.

- A reference (`GE-2024-00278`) finds exactly that commitment, nothing else.
- On PostgreSQL, words are looked up in a full-text document stored on each
  commitment (migration 0011: the title weighted A, the description C), and
  in the maker's name and acronym (weighted as B); a word matches as a prefix,
  so "shelter" finds "shelters". A query of four characters or more also
  finds titles and maker names within a typo or two (pg_trgm word
  similarity). Results are ranked: a title match above a maker match above a
  description match above a near-miss.
- Elsewhere (SQLite, for development and the fast tests), every word must
  appear, case-insensitively, in the title, the description, the maker's
  name or acronym; a title match ranks first.

The text configuration is 'simple' (lower-casing, no stemming, no stop
words): commitments are written in any of the UN languages and carry no
language of their own, and a stemmer for one language mangles the others.
Prefix matching and the trigram fallback make up for the missing stemming.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Case, Expression, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Upper

from .models import CommitmentMaker

REFERENCE = re.compile(r"^\s*GE-\d{4}-\d{1,12}\s*$", re.IGNORECASE)
WORD = re.compile(r"\w+")
MAX_WORDS = 10
# Shorter queries are left to the full-text index: a trigram of "un" is
# in half the titles.
TYPO_MIN_LENGTH = 4
# The makers whose name or acronym matches are looked up first, and their
# commitments then found by maker id through its index: PostgreSQL cannot
# combine an index on commitments with a subquery on makers inside an OR.
# A word in more makers' names than this is common enough that the
# commitments' own text finds what matters.
MAX_MAKERS = 500
# What a match in the maker's name adds to the rank: ts_rank gives about
# 0.61 for a word in an A-weighted title and 0.12 in a C-weighted
# description; a B-weighted maker name sits between them.
MAKER_RANK = 0.24
TYPO_RANK = 0.1

# The document of a maker, as the expression index of migration 0011 has it.
MAKER_DOCUMENT_SQL = "to_tsvector('simple'::regconfig, COALESCE({name}, '') || ' ' || COALESCE({acronym}, ''))"


def is_reference(value):
    return bool(REFERENCE.match(value or ""))


def words_of(value):
    return WORD.findall(value or "")[:MAX_WORDS]


def prefix_query(words):
    """A to_tsquery text in which every word must match, each as a prefix.
    The words are \\w+ only, so nothing in them is tsquery syntax."""
    return " & ".join(f"{word}:*" for word in words)


class CommitmentDocument(Expression):
    """The stored `search_document` column of the commitment table, which
    only PostgreSQL has (the model does not declare it: it is written by the
    database from the title and the description)."""

    output_field = FloatField()  # never read; only passed to @@ and ts_rank

    def as_sql(self, compiler, connection):
        return f'{compiler.quote_name_unless_alias(compiler.query.base_table)}."search_document"', []


class MakerDocument(Func):
    template = MAKER_DOCUMENT_SQL.format(name="%(name)s", acronym="%(acronym)s")
    output_field = FloatField()

    def __init__(self):
        super().__init__(F("name"), F("acronym"))

    def as_sql(self, compiler, connection, **extra):
        name, name_params = compiler.compile(self.source_expressions[0])
        acronym, acronym_params = compiler.compile(self.source_expressions[1])
        return self.template % {"name": name, "acronym": acronym}, [*name_params, *acronym_params]


class Matches(Func):
    """document @@ to_tsquery('simple', query)"""

    template = "%(expressions)s"
    arg_joiner = " @@ to_tsquery('simple'::regconfig, "
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return f"({sql}))", params


class Rank(Func):
    template = "ts_rank(%(expressions)s)"
    arg_joiner = ", to_tsquery('simple'::regconfig, "
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return sql[:-1] + "))", params


class NearlyContains(Func):
    """UPPER(column) %> UPPER(query): the query is within a typo or two of
    some words of the column (pg_trgm's word similarity, 0.6 by default). The
    GIN trigram indexes on UPPER(title) (0006) and UPPER(name) (0011) serve
    it."""

    template = "%(expressions)s"
    arg_joiner = " %%> "
    output_field = BooleanField()


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def _words_everywhere(words, *fields):
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def search_commitments(queryset, value):
    """`queryset` narrowed to the commitments matching `value`, annotated
    with `search_rank` and ordered by it (best first, then the model's own
    order). An explicit ordering applied afterwards replaces this one."""
    value = (value or "").strip()
    if not value:
        return queryset
    if is_reference(value):
        return queryset.filter(reference=value.upper())
    words = words_of(value)
    if connection.vendor == "postgresql" and words:
        queryset = _postgresql_search(queryset, value, words)
    else:
        queryset = _plain_search(queryset, value, words or value.split()[:MAX_WORDS])
    return queryset.order_by("-search_rank", *queryset.model._meta.ordering)


def _plain_search(queryset, value, words):
    in_title = _words_everywhere(words, "title")
    in_maker = _words_everywhere(words, "maker__name") | _words_everywhere(words, "maker__acronym")
    matches = _words_everywhere(words, "title", "description", "maker__name", "maker__acronym")
    return queryset.filter(matches).alias(
        search_rank=Case(
            When(in_title, then=Value(2.0)),
            When(in_maker, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def matching_maker_ids(value, words):
    """The ids of the makers whose name or acronym has every word (or, for a
    long enough query, nearly has it), at most MAX_MAKERS of them."""
    query = prefix_query(words)
    condition = Q(Matches(MakerDocument(), Value(query)))
    if len(value) >= TYPO_MIN_LENGTH:
        condition |= Q(NearlyContains(Upper("name"), Upper(Value(value))))
    return list(CommitmentMaker.objects.filter(condition).order_by().values_list("pk", flat=True)[:MAX_MAKERS])


def _postgresql_search(queryset, value, words):
    query = prefix_query(words)
    maker_ids = matching_maker_ids(value, words)
    typos = len(value) >= TYPO_MIN_LENGTH
    condition = Q(Matches(CommitmentDocument(), Value(query)))
    if maker_ids:
        condition |= Q(maker_id__in=maker_ids)
    if typos:
        condition |= Q(NearlyContains(Upper("title"), Upper(Value(value))))
    rank = Rank(CommitmentDocument(), Value(query))
    if maker_ids:
        rank = rank + Case(When(maker_id__in=maker_ids, then=Value(MAKER_RANK)), default=Value(0.0))
    if typos:
        rank = rank + WordSimilarity(Upper(Value(value)), Upper("title")) * Value(TYPO_RANK)
    return queryset.filter(condition).alias(search_rank=rank)
