"""The article form's one row of actions, and the message each leaves once it is done.

What a user may do from each state is the workflow's to say (available_transitions); this
module only words it for the form. The row starts with a plain save, so that Enter pressed in
a field saves the article and never publishes it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.templatetags.arabic import arabic_date

from . import workflow
from .models import Article

SAVE = "save"
Status = Article.Status
# The states whose main move is onward (submit or publish); elsewhere it is saving the edit.
ONWARD = {Status.DRAFT, Status.PENDING}
# The states a preview link is offered for: a public article has its own address.
PREVIEWED = {Status.DRAFT, Status.PENDING, Article.SCHEDULED}

LABELS = {
    "submit": _("Submit for review"),
    "publish": _("Publish now"),
    "schedule": _("Schedule for the publish time"),
    "unpublish": _("Unpublish (back to draft)"),
    "trash": _("Move to trash"),
    "restore": _("Restore from trash"),
}
DONE = {
    "submit": _("Submitted for review."),
    "publish": _("Article published."),
    "schedule": _("Article scheduled for {time}."),
    "unpublish": _("Article unpublished: it is a draft again."),
    "trash": _("Article moved to the trash."),
    "restore": _("Article restored from the trash."),
}


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    primary: bool = False

    @property
    def field(self):
        """The name the button posts: Django's plain save, or the workflow's move."""
        return "_save" if self.name == SAVE else "_workflow"


def actions(user, article):
    """The buttons of the row for this user and article (None: the article being added)."""
    state = article.state if article else Status.DRAFT
    names = workflow.available_transitions(user, article)
    if state != Status.TRASH:
        names = [SAVE, *names]
    onward = [name for name in ("publish", "submit") if name in names and state in ONWARD]
    main = onward[0] if onward else names[0] if names else None
    return [Action(name, _label(name, state), primary=name == main) for name in names]


def done_message(name, article):
    """What the user is told once `name` (a move, or None for a plain save) is done."""
    if name == "schedule":
        return DONE[name].format(time=arabic_date(article.published_at, True))
    if name in DONE:
        return DONE[name]
    return _("Draft saved.") if article.status == Status.DRAFT else _("Changes saved.")


def _label(name, state):
    if name != SAVE:
        return LABELS[name]
    return _("Save draft") if state == Status.DRAFT else _("Save changes")
