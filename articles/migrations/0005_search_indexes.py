"""Fill search_text for existing articles; on PostgreSQL, index it for full-text search."""

from django.db import migrations

from core.html import plain_text
from core.text import search_document

INDEXES = {
    "article_search_arabic_idx": "to_tsvector('arabic'::regconfig, COALESCE(search_text, ''))",
    "article_search_simple_idx": "to_tsvector('simple'::regconfig, COALESCE(search_text, ''))",
}


def fill_search_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("title", "excerpt", "body").iterator():
        text = search_document(article.title, article.excerpt, plain_text(article.body))
        Article.objects.filter(pk=article.pk).update(search_text=text)


def create_indexes(apps, schema_editor):
    # Expression GIN indexes exist on PostgreSQL only; SQLite searches without them.
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON articles_article USING gin (({expression}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_text")]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
