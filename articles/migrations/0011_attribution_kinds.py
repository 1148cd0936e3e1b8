"""Attribution wording for each kind of story with a source; the defaults' typography fixed.

A story the feed importer copied keeps the wording the site had («تم اقتباسه آليًا»); one an
editor wrote citing a source gets a wording of its own («نقلاً عن…»). A site still holding the
old defaults (a space before a full stop, “ ” quotation marks) gets the new ones; wording an
editor changed is left as it is.
"""

from django.db import migrations, models

import articles.attribution

OLD_LEAD_IN = "{site}- متابعات {section} . نترككم مع خبر “{title}”"
OLD_DISCLAIMER = (
    "نشكركم على قراءة خبر “{title}” من {site} ونود التنويه بأن الخبر تم اقتباسه آليًا "
    "من مصدره الأساسي والمصدر الأساسي هو المعني بصحة الخبر وما يتضمنه."
)
LEAD_IN = "{site} – متابعات {section}. نترككم مع خبر «{title}»"
DISCLAIMER = (
    "نشكركم على قراءة خبر «{title}» من {site}، ونود التنويه بأن الخبر تم اقتباسه آليًا "
    "من مصدره الأساسي، والمصدر الأساسي هو المعني بصحة الخبر وما يتضمنه."
)
CITED_LEAD_IN = "{site} – متابعات {section}، نقلاً عن {source}"
CITED_DISCLAIMER = (
    "نشكركم على قراءة خبر «{title}» من {site}. أعدّ فريق التحرير هذا الخبر نقلاً عن {source}."
)
IMPORTED_HELP = (
    "For stories the feed importer copied from their source. Plain text: {site}, {section}, "
    "{title} and {source} are replaced by their values."
)
CITED_HELP = (
    "For stories an editor wrote citing a source. Plain text: {site}, {section}, {title} "
    "and {source} are replaced by their values."
)


def replace_defaults(old_lead_in, old_disclaimer, lead_in, disclaimer):
    def replace(apps, schema_editor):
        SiteSettings = apps.get_model("articles", "SiteSettings")
        SiteSettings.objects.filter(lead_in_template=old_lead_in).update(lead_in_template=lead_in)
        SiteSettings.objects.filter(disclaimer_template=old_disclaimer).update(
            disclaimer_template=disclaimer
        )

    return replace


def template_field(verbose_name, default, help_text):
    return models.TextField(
        default=default,
        help_text=help_text,
        validators=[articles.attribution.validate_template],
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_autosave"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sitesettings",
            name="lead_in_template",
            field=template_field("lead-in line of imported stories", LEAD_IN, IMPORTED_HELP),
        ),
        migrations.AlterField(
            model_name="sitesettings",
            name="disclaimer_template",
            field=template_field(
                "closing disclaimer of imported stories", DISCLAIMER, IMPORTED_HELP
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="cited_lead_in_template",
            field=template_field(
                "lead-in line of stories citing a source", CITED_LEAD_IN, CITED_HELP
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="cited_disclaimer_template",
            field=template_field(
                "closing disclaimer of stories citing a source", CITED_DISCLAIMER, CITED_HELP
            ),
        ),
        migrations.RunPython(
            replace_defaults(OLD_LEAD_IN, OLD_DISCLAIMER, LEAD_IN, DISCLAIMER),
            replace_defaults(LEAD_IN, DISCLAIMER, OLD_LEAD_IN, OLD_DISCLAIMER),
        ),
    ]
