"""News sources and their feeds: where republished articles come from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .taxonomy import Category


class Source(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    homepage = models.URLField(_("homepage"), max_length=500, blank=True)
    # How entries of this source's feeds are imported (articles/ingest.py).
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Active sources' feeds are polled.")
    )
    publish_directly = models.BooleanField(
        _("publish imported items directly"),
        default=False,
        help_text=_("Otherwise they arrive as drafts for an editor to review."),
    )
    default_category = models.ForeignKey(
        Category,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default section"),
    )
    show_attribution = models.BooleanField(
        _("show the lead-in line and the disclaimer"),
        default=True,
        help_text=_("On the articles imported from this source."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")

    def __str__(self):
        return self.name


class SourceFeed(models.Model):
    """One feed address of a source, with what the last fetch learned for the next one."""

    source = models.ForeignKey(
        Source, models.CASCADE, related_name="feeds", verbose_name=_("news source")
    )
    url = models.URLField(_("feed URL"), max_length=1000)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_checked = models.DateTimeField(_("last checked"), null=True, editable=False)
    last_result = models.CharField(_("last result"), max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        constraints = [models.UniqueConstraint(fields=["source", "url"], name="unique_feed")]

    def __str__(self):
        return self.url
