from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_reports_replies_staff"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="reply_notified",
            field=models.BooleanField(default=False, editable=False),
        ),
    ]
