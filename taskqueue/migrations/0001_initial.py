"""TaskWorker moved here from the `newsroom` package; a database made before keeps its rows.

The model's state is created as usual. In the database, a table left by the old app
(`newsroom_taskworker`) is renamed, with its content type, instead of being created again.
"""

from django.db import migrations, models

OLD_TABLE = "newsroom_taskworker"


def adopt_or_create_table(apps, schema_editor):
    TaskWorker = apps.get_model("taskqueue", "TaskWorker")
    tables = schema_editor.connection.introspection.table_names()
    if OLD_TABLE in tables:
        schema_editor.alter_db_table(TaskWorker, OLD_TABLE, TaskWorker._meta.db_table)
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label="newsroom", model="taskworker").update(
            app_label="taskqueue"
        )
    else:
        schema_editor.create_model(TaskWorker)


def drop_table(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("taskqueue", "TaskWorker"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaskWorker",
                    fields=[
                        ("worker_id", models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name="worker")),
                        ("host", models.CharField(max_length=255, verbose_name="host")),
                        ("pid", models.PositiveIntegerField(verbose_name="process")),
                        ("started_at", models.DateTimeField(auto_now_add=True, verbose_name="started at")),
                        ("seen_at", models.DateTimeField(db_index=True, verbose_name="last heartbeat")),
                    ],
                    options={"verbose_name": "task worker", "verbose_name_plural": "task workers"},
                ),
            ],
        ),
        # After the state: RunPython sees the model in the state it is given.
        migrations.RunPython(adopt_or_create_table, drop_table),
    ]
