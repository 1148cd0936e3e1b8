from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import Article
from comments.models import Comment
from wordpress.fields import PRIVATE, PROTECTED
from wordpress.importer import import_files

STATE_ORDER = [
    Article.Status.PUBLISHED,
    Article.SCHEDULED,
    Article.Status.PENDING,
    Article.Status.DRAFT,
    PRIVATE,
    PROTECTED,
    Article.Status.TRASH,
]


class Command(BaseCommand):
    help = (
        "Import WordPress export (WXR) files: posts with their comments, sections, tags, authors "
        "and attachments. Importing a file again adds nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="WXR files, imported in order")
        parser.add_argument(
            "--source-meta",
            action="append",
            default=[],
            metavar="KEY",
            help=(
                "A custom field that holds a post's source: the news source's name or the "
                "original item's URL. Read before the well-known fields; may be repeated."
            ),
        )

    def handle(self, *args, files, source_meta, **options):
        for path in files:
            if not path.is_file():
                raise CommandError(_("No file at {path}.").format(path=path))
        summary = import_files(files, progress_stream=self.stderr._out, source_keys=source_meta)
        for line in report(summary):
            self.stdout.write(line)
        if summary.errors:
            raise CommandError("\n".join(summary.errors))


def report(summary):
    """Yield the lines of the summary, in the order an editor checks them."""
    yield from post_lines(summary)
    yield _("New articles with their source: {count}").format(count=summary.attributed)
    yield from comment_lines(summary)
    yield _("Pages (not imported): {count}; their comments: {comments}").format(
        count=len(summary.pages), comments=summary.page_comments
    )
    for title, slug in summary.pages:
        yield f"  {title} ({slug})" if slug else f"  {title}"
    yield _("Attachments recorded: {new} new, {unchanged} unchanged").format(
        new=summary.attachments["new"], unchanged=summary.attachments["unchanged"]
    )
    for label, counter in [
        (_("Sections"), summary.categories),
        (_("Tags"), summary.tags),
        (_("Authors"), summary.authors),
        (_("News sources"), summary.sources),
    ]:
        yield _("{label}: {new} new, {existing} already there").format(
            label=label, new=counter["new"], existing=counter["existing"]
        )
    for post_type, count in sorted(summary.other_types.items()):
        yield _("Not imported, of type {type}: {count}").format(type=post_type, count=count)
    for label, reason in summary.skipped:
        yield _("Skipped «{label}»: {reason}").format(label=label, reason=reason)


def post_lines(summary):
    new = sum(count for (_state, outcome), count in summary.posts.items() if outcome == "new")
    unchanged = sum(summary.posts.values()) - new
    yield _("Posts: {new} new, {unchanged} unchanged").format(new=new, unchanged=unchanged)
    labels = {
        **Article.STATE_LABELS,
        PRIVATE: _("private (imported as drafts)"),
        PROTECTED: _("password-protected (imported as drafts)"),
    }
    for state in STATE_ORDER:
        counts = (summary.posts[state, "new"], summary.posts[state, "unchanged"])
        if any(counts):
            yield "  " + _("{state}: {new} new, {unchanged} unchanged").format(
                state=labels[state], new=counts[0], unchanged=counts[1]
            )
    for title in summary.protected:
        yield "  " + _("Password-protected, imported as a draft: «{title}»").format(title=title)


def comment_lines(summary):
    yield _("Comments: {new} new, {unchanged} unchanged").format(
        new=sum(summary.comments.values()), unchanged=summary.comments_unchanged
    )
    statuses, kinds = dict(Comment.Status.choices), dict(Comment.Kind.choices)
    for (status, kind), count in sorted(summary.comments.items()):
        yield "  " + _("{status}, {kind}: {count}").format(
            status=statuses[status], kind=kinds[kind], count=count
        )
