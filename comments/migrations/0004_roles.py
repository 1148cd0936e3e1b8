"""The newsroom's roles as groups: editor-in-chief, author, contributor (and comment moderator).

This migration was `newsroom/migrations/0001_roles.py` before the project package kept only
the project's shell. It is idempotent, so a database that ran it under its old name runs it
again here and keeps its groups and their members as they were.

Object-level rules (authors edit only their own articles, contributors only their unpublished
ones) live in articles.permissions; these groups carry the model-level permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR, AUTHOR, CONTRIBUTOR, MODERATOR = "رئيس التحرير", "كاتب", "مساهم", "مشرف التعليقات"

WRITING = [
    ("articles", "add_article"), ("articles", "change_article"), ("articles", "view_article"),
    ("articles", "add_recommendedstory"), ("articles", "change_recommendedstory"),
    ("articles", "delete_recommendedstory"), ("articles", "view_recommendedstory"),
    ("articles", "view_category"), ("articles", "view_tag"), ("articles", "view_source"),
    ("articles", "view_historicalarticle"),
]  # fmt: skip
ROLES = {
    EDITOR: "all",
    AUTHOR: [*WRITING, ("articles", "publish_article"), ("articles", "add_tag")],
    CONTRIBUTOR: WRITING,
}


def create_roles(apps, schema_editor):
    for label in ("articles", "comments"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        if wanted == "all":
            perms = Permission.objects.filter(content_type__app_label__in=["articles", "comments"])
        else:
            perms = [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in wanted
            ]
        group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_revisions_images"),
        ("comments", "0003_imported_comments"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
