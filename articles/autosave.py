"""Autosave: the one door for the text the editor keeps while a writer types.

An autosave holds one writer's title, excerpt and body of one article (or of their new
article, before its first save). It never touches the article: the writer puts it back into
the form and saves as usual, and that save discards it. Text typed on a version of the article
older than its current one is refused, and an autosave overtaken by someone else's save is
shown to its writer but never put back: either would bring back what that save replaced.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.html import clean_html, plain_text
from core.text import single_line

from . import permissions
from .models import Article, Autosave

# The editor keeps the text this long after typing stops (WordPress: every 60 s), and at
# least this often while typing goes on.
AFTER_SECONDS = 10
AT_LEAST_EVERY_SECONDS = 60

ADD = "articles.add_article"


class StaleAutosave(ValidationError):
    """Someone saved the article after the writer opened it: their text is not kept."""


def keep(article, *, by, title, excerpt, body, version_seen=None):
    """Keep what `by` has typed into `article` (None: their new article).

    Returns the autosave, or None when there is nothing to keep (the text is the article's
    own, or empty). Raises StaleAutosave when `version_seen` is not the article's current
    version, PermissionDenied when `by` may not edit it, ValidationError when too long.
    """
    _require(by, article)
    title, body = single_line(title), clean_html(body) if _has_content(body) else ""
    excerpt = _one_newline(excerpt)
    with transaction.atomic():
        version, saved = _saved_text(article, by, version_seen)
        if (title, excerpt, body) == saved:
            discard(article, user=by)
            return None
        autosave = Autosave.objects.filter(article=article, user=by).first() or Autosave(
            article=article, user=by
        )
        autosave.based_on_version = version
        autosave.title, autosave.excerpt, autosave.body = title, excerpt, body
        autosave.saved_at = timezone.now()
        autosave.full_clean()
        autosave.save()
    return autosave


def _saved_text(article, user, version_seen):
    """(version, (title, excerpt, body)) as saved, locked until the autosave is written."""
    if article is None:
        # Two tabs of one writer write their one new-article autosave in turn.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        return None, ("", "", "")
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values("version", "title", "excerpt", "body")
        .get()
    )
    if version_seen != current["version"]:
        raise StaleAutosave(stale_message(), code="stale")
    saved = (current["title"], _one_newline(current["excerpt"]), current["body"])
    return current["version"], saved


def pending(article, *, user):
    """The autosave `user` left on `article` (None: their new article), or None."""
    return Autosave.objects.select_related("article").filter(article=article, user=user).first()


def discard(article, *, user):
    """Forget `user`'s autosave of `article` (None: of their new article): they saved it."""
    Autosave.objects.filter(article=article, user=user).delete()


def saved_message(autosave):
    """What the editor says once the text is kept, e.g. «حُفظت تلقائياً الساعة 10:32»."""
    if autosave is None:
        return ""
    at = timezone.localtime(autosave.saved_at)
    return _("Saved automatically at {time}").format(time=f"{at:%H:%M}")


def stale_message():
    """What a writer is told when their text, typed on an older version, is not kept."""
    return _(
        "Someone else saved this article after you opened it, so what you type here is no "
        "longer saved automatically. Copy your text, then open the newer version:"
    )


def _require(user, article):
    allowed = permissions.can_edit(user, article) if article else user.has_perm(ADD)
    if not allowed:
        raise PermissionDenied(_("You may not do this to this article."))


def _has_content(body):
    # A figure alone has no text, and is still work worth keeping.
    return bool(plain_text(body).strip()) or "<img" in body


def _one_newline(text):
    # A form posts a textarea's line breaks as CRLF, the editor's script as LF.
    return text.replace("\r\n", "\n")
