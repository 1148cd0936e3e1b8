"""The workflow's audit trail (written by articles.workflow only)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article


class ArticleEvent(models.Model):
    """The audit trail: who moved an article from which state to which, and when."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="events", verbose_name=_("article")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=20)
    to_state = models.CharField(_("to"), max_length=20)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")

    def __str__(self):
        return f"{self.from_label} → {self.to_label}"

    @property
    def from_label(self):
        if not self.from_state:
            return _("Imported")
        return Article.STATE_LABELS.get(self.from_state, self.from_state)

    @property
    def to_label(self):
        return Article.STATE_LABELS.get(self.to_state, self.to_state)
