"""An article's revisions as an editor reads them: what each one changed, the workflow step
it was and who took it, and a word-level comparison of any two.

Text is compared as the reader reads it (core.html.plain_text, paragraph by paragraph, then
word by word inside a changed paragraph), never as HTML; every value is put in words (names,
the site's time, «none»), never a database value.
"""

import difflib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.html import plain_text
from core.templatetags.arabic import arabic_date

from .models import Article, Category, Source, Tag
from .workflow import NEW

Status = Article.Status
SAME, REMOVED, ADDED = "same", "removed", "added"

# What each of the workflow's transitions (articles.workflow.TRANSITIONS) is called once it is
# done; the state each one reaches is named by Article.STATE_LABELS.
STEP_NAMES = {
    "submit": gettext_lazy("Sent for review"),
    "publish": gettext_lazy("Published on the site"),
    "schedule": gettext_lazy("Scheduled for publication"),
    "unpublish": gettext_lazy("Unpublished, back to draft"),
    "trash": gettext_lazy("Moved to the trash"),
    "restore": gettext_lazy("Restored from the trash"),
}
IMPORTED = gettext_lazy("Imported into the newsroom")

# How each field is compared, in the order an editor reads the form. "text": word by word;
# "long": the same, but only counted in the history's list; "value": the old value, the new
# one; "address": the same, left to right; "set": the tags.
FIELDS = [
    ("title", "text"), ("state", "value"), ("category", "value"), ("tags", "set"),
    ("source", "value"), ("excerpt", "long"), ("body", "long"), ("published_at", "value"),
    ("author", "value"), ("byline", "text"), ("slug", "address"),
    ("original_url", "address"), ("original_published_at", "value"),
    ("show_attribution", "value"), ("image", "address"), ("image_alt", "text"),
    ("image_caption", "text"), ("image_credit", "text"), ("comments_open", "value"),
    ("featured", "value"), ("correction", "long"),
]  # fmt: skip
RELATED = {"category": Category, "source": Source, "author": None}
# A workflow step and the revision it saved are written in one transaction.
SAME_STEP = timedelta(seconds=5)
PICKER_LIMIT = 100


def body_lines(html):
    """The body as plain-text paragraphs, the unit an editor compares."""
    return [line.strip() for line in plain_text(html).splitlines() if line.strip()]


def word_runs(old, new):
    """(kind, words) runs of one paragraph: kept, removed and added words in reading order."""
    a, b = old.split(), new.split()
    runs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append((SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append((REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append((ADDED, " ".join(b[j1:j2])))
    return runs


def text_diff(old, new):
    """Paragraphs of runs: kept and whole new or gone paragraphs as they are, changed ones
    word by word (or, when little of them is left, as one gone and one new)."""
    paragraphs = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            paragraphs += [[(SAME, text)] for text in old[i1:i2]]
            continue
        gone, came = old[i1:i2], new[j1:j2]
        for index in range(max(len(gone), len(came))):
            before = gone[index] if index < len(gone) else None
            after = came[index] if index < len(came) else None
            paragraphs += _paragraph(before, after)
    return paragraphs


def _paragraph(before, after):
    if before is None:
        return [[(ADDED, after)]]
    if after is None:
        return [[(REMOVED, before)]]
    runs = word_runs(before, after)
    kept = sum(len(text.split()) for kind, text in runs if kind == SAME)
    if kept * 2 < max(len(before.split()), len(after.split())):
        return [[(REMOVED, before)], [(ADDED, after)]]
    return [runs]


def word_count(paragraphs, kind):
    return sum(len(text.split()) for runs in paragraphs for k, text in runs if k == kind)


def state_of(revision):
    """The workflow state the article was in when this revision was saved."""
    published = revision.status == Status.PUBLISHED
    if published and revision.published_at and revision.published_at > revision.history_date:
        return Article.SCHEDULED
    return revision.status


def step_name(before, after):
    """The name of the workflow step that moved an article between two states ("" if none)."""
    if before == after:
        return ""
    if before == NEW:
        return IMPORTED
    if before == Status.TRASH:
        return STEP_NAMES["restore"]
    reached = {
        Status.TRASH: "trash",
        Status.PENDING: "submit",
        Article.SCHEDULED: "schedule",
        Status.PUBLISHED: "publish",
    }
    return STEP_NAMES[reached.get(after, "unpublish")]


def person(user):
    """Who did something, in words: their name, or «automatically» for the site itself."""
    if user is None:
        return _("automatically")
    return user.get_full_name() or user.get_username()


class Names:
    """The names of the sections, sources, people and tags some revisions point to, read
    with one query each."""

    def __init__(self, revisions):
        self.related = {}
        for name, model in RELATED.items():
            ids = {getattr(revision, f"{name}_id") for revision in revisions} - {None}
            model = model or get_user_model()
            self.related[name] = model.objects.in_bulk(ids) if ids else {}
        rows = list(
            Article.history.model.tags.model.objects.filter(
                history_id__in=[revision.history_id for revision in revisions]
            ).values_list("history_id", "tag_id")
        )
        self.tag_names = {
            tag.pk: tag.name for tag in Tag.objects.filter(pk__in={t for _h, t in rows})
        }
        self.tag_ids = {}
        for history_id, tag_id in rows:
            if tag_id in self.tag_names:
                self.tag_ids.setdefault(history_id, []).append(tag_id)

    def value(self, revision, name):
        """A field's value in words ("" when empty)."""
        if name == "state":
            return str(Article.STATE_LABELS.get(state_of(revision), revision.status))
        if name in self.related:
            pk = getattr(revision, f"{name}_id")
            if pk is None:
                return ""
            found = self.related[name].get(pk)
            return (person(found) if name == "author" else str(found)) if found else _("deleted")
        if name == "tags":
            return sorted(self.tag_names[pk] for pk in self.tag_ids.get(revision.history_id, []))
        value = getattr(revision, name)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime):
            return arabic_date(value, with_time=True)
        return str(value or "")


@dataclass
class Change:
    """One field's change between two revisions, as paragraphs of (kind, text) runs."""

    name: str
    label: str
    kind: str
    paragraphs: list
    separator: str = " "
    added: int = 0
    removed: int = 0

    @property
    def ltr(self):
        return self.kind == "address"

    @property
    def arrow(self):
        """An old value and its new one, with an arrow between them."""
        return self.kind in {"value", "address"}


def changes(older, newer, names):
    """What changed from one revision to another, field by field, in the form's order."""
    found = []
    for name, kind in FIELDS:
        before, after = names.value(older, name), names.value(newer, name)
        if before != after:
            found.append(_change(name, kind, before, after))
    return found


def _change(name, kind, before, after):
    label = capfirst(Article._meta.get_field("status" if name == "state" else name).verbose_name)
    if kind == "set":
        kept = [(SAME, tag) for tag in after if tag in before]
        runs = kept + [(REMOVED, t) for t in before if t not in after]
        runs += [(ADDED, tag) for tag in after if tag not in before]
        return Change(name, label, kind, [runs], separator=_(", "))
    if kind in {"text", "long"}:
        lines = body_lines if name == "body" else _lines
        paragraphs = text_diff(lines(before), lines(after))
        added, removed = word_count(paragraphs, ADDED), word_count(paragraphs, REMOVED)
        return Change(name, label, kind, paragraphs, added=added, removed=removed)
    none = _("none")
    runs = [(REMOVED, before or none), (ADDED, after or none)]
    return Change(name, label, kind, [runs], separator="")


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass
class Entry:
    """A line of the history: a revision (with the step it was, if any), or a workflow step
    that saved no revision (the clock's publication, an import)."""

    at: datetime
    who: str
    step: str = ""
    revision: object = None
    number: int = 0
    created: bool = False
    changes: list = field(default_factory=list)
    moved: tuple = ()
    previous: object = None


def timeline(revisions, older, events, first_number):
    """The entries of one page of history, newest first.

    `revisions` are the page's, newest first; `older` the one before the last of them (None
    on the last page); `events` the workflow steps of the page's time span; `first_number`
    the number of the page's newest revision, counting from the first.
    """
    names = Names([*revisions, *([older] if older else [])])
    entries = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else older
        entry = Entry(
            at=revision.history_date,
            who=person(revision.history_user),
            revision=revision,
            number=first_number - index,
            created=previous is None,
        )
        if previous is not None:
            entry.moved = (state_of(previous), state_of(revision))
            entry.previous = previous
            entry.step = step_name(*entry.moved)
            entry.changes = changes(previous, revision, names)
        else:
            # An import's audit entry starts from nothing: it names the first revision.
            entry.moved = (NEW, state_of(revision))
        entries.append(entry)
    for event in events:
        _place(event, entries)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _place(event, entries):
    """Name who took a step on the revision it saved (the audit trail knows them even when
    the revision was saved outside a request); a step that saved none gets a line of its own."""
    moved = (event.from_state, event.to_state)
    for entry in entries:
        if entry.moved == moved and abs(event.at - entry.at) <= SAME_STEP:
            entry.who, entry.step = person(event.actor), step_name(*moved)
            return
    entries.append(Entry(at=event.at, who=person(event.actor), step=step_name(*moved)))


def number_of(revision):
    """The revision's place among its article's revisions, the first being 1."""
    earlier = Q(history_date__lt=revision.history_date) | Q(
        history_date=revision.history_date, history_id__lt=revision.history_id
    )
    return Article.history.filter(earlier, id=revision.id).count() + 1


def comparison(article, older, newer):
    """What the compare page shows: the two revisions (older first) and what changed."""
    if (older.history_date, older.history_id) > (newer.history_date, newer.history_id):
        older, newer = newer, older
    events = list(article.events.select_related("actor"))
    sides = [
        ("older", revision_entry(older, number_of(older), events)),
        ("newer", revision_entry(newer, number_of(newer), events)),
    ]
    latest = article.history.values_list("history_id", flat=True).first()
    return {
        "older": sides[0][1],
        "newer": sides[1][1],
        "sides": sides,
        "newer_is_current": newer.history_id == latest,
        "changes": changes(older, newer, Names([older, newer])),
        "choices": choices(article, events, older, newer),
    }


def revision_entry(revision, number, events):
    """A revision with its number and who saved it: for a workflow step, whom the audit
    trail names (`events`, the article's)."""
    entry = Entry(
        at=revision.history_date,
        who=person(revision.history_user),
        revision=revision,
        number=number,
    )
    state = state_of(revision)
    for event in events:
        if event.to_state == state and timedelta(0) <= event.at - entry.at <= SAME_STEP:
            entry.who = person(event.actor)
    return entry


def choices(article, events, *chosen):
    """The latest revisions, and those chosen, newest first, for the pickers."""
    history = article.history.select_related("history_user")
    total = history.count()
    latest = [(rev, total - index) for index, rev in enumerate(history[:PICKER_LIMIT])]
    shown = {rev.history_id for rev, _number in latest}
    extra = [(rev, number_of(rev)) for rev in chosen if rev.history_id not in shown]
    return [
        revision_entry(rev, number, events)
        for rev, number in sorted(latest + extra, key=lambda pair: pair[1], reverse=True)
    ]


def record_tags(articles):
    """Write the articles' tags into their latest revisions.

    The admin saves an article, then its tags, and an importer writes revisions in bulk: in
    both, the revision is written before the tags are. They are written into it once saved
    (the admin turns off the history of the tags' own saving: one revision for one save).
    """
    latest = dict(
        Article.history.filter(id__in=[article.pk for article in articles])
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("id", "last")
    )
    rows = Article.history.model.tags.model
    rows.objects.filter(history_id__in=latest.values()).delete()
    tagged = Article.tags.through.objects.filter(article_id__in=latest)
    rows.objects.bulk_create(
        rows(history_id=latest[article_id], id=pk, article_id=article_id, tag_id=tag_id)
        for pk, article_id, tag_id in tagged.values_list("pk", "article_id", "tag_id")
    )
