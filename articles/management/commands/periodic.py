from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.tasks import default_task_backend
from django.utils.module_loading import import_string
from django_tasks_db import DatabaseBackend


class Command(BaseCommand):
    help = (
        "Enqueue the periodic work (publishing catch-up, the trashes, polling feeds) and prune "
        "finished tasks; run from cron."
    )

    def handle(self, *args, **options):
        # Named in the settings: each app's periodic work, without articles importing the others.
        for periodic in map(import_string, settings.NEWSROOM_PERIODIC_TASKS):
            result = periodic.enqueue()
            self.stdout.write(f"{periodic.name}: {result.status}")
        if isinstance(default_task_backend, DatabaseBackend):
            # Every purge and notification leaves a row; finished ones are kept two days.
            call_command("prune_db_task_results", "--min-age-days", "2", "--queue-name", "*")
