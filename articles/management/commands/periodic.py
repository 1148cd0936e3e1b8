from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.tasks import default_task_backend
from django_tasks_db import DatabaseBackend

from articles.tasks import catch_up_publishing, empty_trash, poll_sources


class Command(BaseCommand):
    help = (
        "Enqueue the periodic work (publishing catch-up, the trash, polling feeds) and prune "
        "finished tasks; run from cron."
    )

    def handle(self, *args, **options):
        for periodic in (catch_up_publishing, empty_trash, poll_sources):
            result = periodic.enqueue()
            self.stdout.write(f"{periodic.name}: {result.status}")
        if isinstance(default_task_backend, DatabaseBackend):
            # Every purge and notification leaves a row; finished ones are kept two days.
            call_command("prune_db_task_results", "--min-age-days", "2", "--queue-name", "*")
