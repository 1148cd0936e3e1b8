from django.core.management.base import BaseCommand

from articles.tasks import catch_up_publishing, empty_trash, poll_sources


class Command(BaseCommand):
    help = (
        "Enqueue the periodic work (publishing catch-up, the trash, polling feeds); run from cron."
    )

    def handle(self, *args, **options):
        for periodic in (catch_up_publishing, empty_trash, poll_sources):
            result = periodic.enqueue()
            self.stdout.write(f"{periodic.name}: {result.status}")
