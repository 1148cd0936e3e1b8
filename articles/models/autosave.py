"""What a writer typed and has not saved yet, kept by the editor (written by articles.autosave)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import BODY_MAX_LENGTH, Article


class Autosave(models.Model):
    """One writer's unsaved title, excerpt and body of one article.

    It never changes the article: the writer puts it back into the form and saves as usual.
    A writer's new article, not saved yet, has one too, with no article.
    """

    article = models.ForeignKey(
        Article,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("user")
    )
    # The article's version the writer was typing on; once someone saves the article again,
    # putting this text back would undo their save, so it is only shown, never restored.
    based_on_version = models.PositiveIntegerField(null=True, editable=False)
    title = models.CharField(_("title"), max_length=300, blank=True)
    excerpt = models.TextField(_("excerpt"), max_length=1000, blank=True)
    body = models.TextField(_("body"), blank=True, validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_autosave_per_writer"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_article_autosave_per_writer",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_stale(self):
        """Someone saved the article after this text was typed."""
        return self.article_id is not None and self.based_on_version != self.article.version

    def fields(self):
        """The text as the editor's form names it, to put back into the form."""
        return {"title": self.title, "excerpt": self.excerpt, "body": self.body}
