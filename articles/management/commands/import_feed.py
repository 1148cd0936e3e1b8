from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.ingest import import_document, import_feed_url, import_source
from articles.models import Source, SourceFeed


class Command(BaseCommand):
    help = (
        "Import a news source's feeds, or one feed address or file for a source: "
        "`import_feed --source NAME`, `import_feed --source NAME URL_OR_FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="a feed URL or a local file")
        parser.add_argument("--source", required=True, help="the source's name or id")

    def handle(self, *args, target=None, source=None, **options):
        by_id = Q(pk=int(source)) if source.isdigit() else Q(pk__in=[])
        found = Source.objects.filter(Q(name=source) | by_id).first()
        if found is None:
            raise CommandError(_("No news source named «{name}».").format(name=source))
        progress = self.stderr._out
        if target is None:
            summary = import_source(found, progress_stream=progress)
        elif target.lower().startswith(("http://", "https://")):
            feed, _created = SourceFeed.objects.get_or_create(source=found, url=target)
            summary = import_feed_url(feed, progress_stream=progress)
        else:
            path = Path(target)
            if not path.is_file():
                raise CommandError(_("No file at {path}.").format(path=path))
            summary = import_document(path.read_bytes(), source=found, progress_stream=progress)
        self.report(summary)

    def report(self, summary):
        self.stdout.write(
            _("new: {new}, updated: {updated}, unchanged: {unchanged}, skipped: {skipped}").format(
                new=summary.new,
                updated=summary.updated,
                unchanged=summary.unchanged,
                skipped=len(summary.skipped),
            )
        )
        for label, reason in summary.skipped:
            self.stdout.write(_("skipped «{label}»: {reason}").format(label=label, reason=reason))
        for error in summary.errors:
            self.stderr.write(error)
