"""Full-text search of commitments and makers, on PostgreSQL only.

- `commitments_commitment.search_document`: a tsvector the database keeps
  from the title (weight A) and the description (weight C), as a stored
  generated column, so ranking reads it instead of parsing every matching
  description again; a GIN index on it finds the matches. The model does not
  declare the column (SQLite has no tsvector); commitments/search.py reads
  it by name. Adding it rewrites the table once.
- makers: a GIN expression index on the document of the name and acronym
  (exactly commitments.search.MAKER_DOCUMENT_SQL, or the planner will not use
  it), and a trigram index on UPPER(name) for typos, as 0006 made for titles.

The configuration is 'simple' on purpose: see commitments/search.py.
SQLite migrates through this as a no-op.
"""

from django.db import migrations

MAKER_DOCUMENT = "to_tsvector('simple'::regconfig, COALESCE(\"name\", '') || ' ' || COALESCE(\"acronym\", ''))"

FORWARDS = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    'ALTER TABLE "commitments_commitment" ADD COLUMN IF NOT EXISTS "search_document" tsvector '
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(\"description\", '')), 'C')"
    ") STORED",
    'CREATE INDEX IF NOT EXISTS "commitment_search_document" ON "commitments_commitment" USING gin ("search_document")',
    f'CREATE INDEX IF NOT EXISTS "maker_search_document" ON "commitments_commitmentmaker" USING gin (({MAKER_DOCUMENT}))',
    'CREATE INDEX IF NOT EXISTS "maker_name_trigram" ON "commitments_commitmentmaker" '
    'USING gin (UPPER("name"::text) gin_trgm_ops)',
    'ANALYZE "commitments_commitment"',
    'ANALYZE "commitments_commitmentmaker"',
)

BACKWARDS = (
    'DROP INDEX IF EXISTS "maker_name_trigram"',
    'DROP INDEX IF EXISTS "maker_search_document"',
    'DROP INDEX IF EXISTS "commitment_search_document"',
    'ALTER TABLE "commitments_commitment" DROP COLUMN IF EXISTS "search_document"',
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARDS:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARDS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0010_commitment_history_keeps_links")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
