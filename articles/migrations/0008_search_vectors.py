"""On PostgreSQL, keep the search vectors in stored generated columns, GIN-indexed.

Ranking then reads a stored vector instead of parsing each matching article's text again,
which is what keeps search fast when a common word matches thousands of articles. SQLite has
no text-search types and searches the normalised text directly (articles/search.py).
"""

from django.db import migrations

COLUMNS = {
    "search_vector_arabic": "arabic",
    "search_vector_simple": "simple",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_search_arabic_idx")
    schema_editor.execute("DROP INDEX IF EXISTS article_search_simple_idx")
    for column, config in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{config}'::regconfig, "
            f"COALESCE(search_text, ''))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {column}_idx ON articles_article USING gin ({column})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {column}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_ingest")]

    operations = [migrations.RunPython(forwards, backwards)]
