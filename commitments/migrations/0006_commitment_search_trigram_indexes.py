"""Trigram indexes for the catalogue's search, on PostgreSQL only.

The shared FilterSet searches with icontains, which Django writes as
UPPER(column) LIKE UPPER('%word%'). GIN trigram indexes on exactly those
expressions let PostgreSQL find rare words without reading every row, and
the statistics it gathers on index expressions tell the planner when a word
is so common that walking the newest-first index is quicker. SQLite has no
such index; it migrates through this as a no-op. pg_trgm is a trusted
extension (PostgreSQL 13+), so a database owner may create it.
"""

from django.db import migrations

INDEXES = (
    ("commitment_title_trigram", 'UPPER("title"::text)'),
    ("commitment_description_trigram", 'UPPER("description")'),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "commitments_commitment" USING gin ({expression} gin_trgm_ops)'
        )
    # The planner learns how common a word is from statistics on the index
    # expressions, which only ANALYZE gathers; without them it guesses that
    # every search is rare and sorts every match.
    schema_editor.execute('ANALYZE "commitments_commitment"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("commitments", "0005_commitment_public_newest_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
