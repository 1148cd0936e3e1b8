from django.core.management.base import BaseCommand

from articles.tasks import catch_up_publishing


class Command(BaseCommand):
    help = "Run the publishing side effects of articles that went live while nothing ran."

    def handle(self, *args, **options):
        count = catch_up_publishing.call()
        self.stdout.write(f"{count} article(s) caught up.")
