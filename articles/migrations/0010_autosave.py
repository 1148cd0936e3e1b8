"""The editor's autosaves: one writer's unsaved text of one article (articles/autosave.py)."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_historical_tags"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Autosave",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("based_on_version", models.PositiveIntegerField(editable=False, null=True)),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                (
                    "excerpt",
                    models.TextField(blank=True, max_length=1000, verbose_name="excerpt"),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        validators=[django.core.validators.MaxLengthValidator(500000)],
                        verbose_name="body",
                    ),
                ),
                (
                    "saved_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="saved at"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="autosaves",
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "autosave",
                "verbose_name_plural": "autosaves",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "user"), name="one_autosave_per_writer"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("article__isnull", True)),
                        fields=("user",),
                        name="one_new_article_autosave_per_writer",
                    ),
                ],
            },
        ),
    ]
