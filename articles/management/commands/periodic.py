from django.core.management.base import BaseCommand

from articles.tasks import catch_up_publishing, empty_trash


class Command(BaseCommand):
    help = "Enqueue the periodic work (publishing catch-up, emptying the trash); run from cron."

    def handle(self, *args, **options):
        for periodic in (catch_up_publishing, empty_trash):
            result = periodic.enqueue()
            self.stdout.write(f"{periodic.name}: {result.status}")
