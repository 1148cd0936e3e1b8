"""Keep an article's tags in each revision, so two revisions compare their tags too.

Revisions saved before this had no tags recorded. They are given the article's present tags:
the best guess there is, and without it restoring one of them would strip the article of its
tags.
"""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models

BATCH = 2000


def present_tags_into_old_revisions(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "HistoricalArticle")
    RevisionTag = apps.get_model("articles", "HistoricalArticle_tags")
    tagged = Article.tags.through.objects.values_list("id", "article_id", "tag_id")
    tags_of = {}
    for row_id, article_id, tag_id in tagged.iterator(chunk_size=BATCH):
        tags_of.setdefault(article_id, []).append((row_id, tag_id))
    revisions = Revision.objects.filter(id__in=list(tags_of)).values_list("history_id", "id")
    rows = []
    for history_id, article_id in revisions.iterator(chunk_size=BATCH):
        rows += [
            RevisionTag(history_id=history_id, id=row_id, article_id=article_id, tag_id=tag_id)
            for row_id, tag_id in tags_of[article_id]
        ]
        if len(rows) >= BATCH:
            RevisionTag.objects.bulk_create(rows)
            rows = []
    RevisionTag.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_search_vectors"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalArticle_tags",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="articles.historicalarticle",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalArticle_tags",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(present_tags_into_old_revisions, migrations.RunPython.noop),
    ]
