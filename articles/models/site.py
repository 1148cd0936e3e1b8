"""What editors set for the whole site: recommended stories and the site's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.singleton import SingletonModel

from .. import attribution
from .article import Article


class RecommendedStory(models.Model):
    article = models.ForeignKey(
        Article, models.CASCADE, related_name="recommendations", verbose_name=_("article")
    )
    story = models.ForeignKey(
        Article, models.CASCADE, related_name="recommended_in", verbose_name=_("story")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("recommended story")
        verbose_name_plural = _("recommended stories")
        constraints = [
            models.UniqueConstraint(fields=["article", "story"], name="unique_recommendation"),
            models.CheckConstraint(
                condition=~models.Q(article=models.F("story")), name="recommend_other_articles"
            ),
        ]

    def __str__(self):
        return str(self.story)


class SiteSettings(SingletonModel):
    """One row: the site's name and the attribution wording editors may change."""

    CACHE_KEY = "articles:site-settings"

    site_name = models.CharField(_("site name"), max_length=100, default="غرفة الأخبار")
    # The wording of each kind of story with a source (articles.attribution.kind).
    lead_in_template = models.TextField(
        _("lead-in line of imported stories"),
        default=attribution.DEFAULT_LEAD_IN,
        validators=[attribution.validate_template],
        help_text=attribution.IMPORTED_HELP,
    )
    disclaimer_template = models.TextField(
        _("closing disclaimer of imported stories"),
        default=attribution.DEFAULT_DISCLAIMER,
        validators=[attribution.validate_template],
        help_text=attribution.IMPORTED_HELP,
    )
    cited_lead_in_template = models.TextField(
        _("lead-in line of stories citing a source"),
        default=attribution.DEFAULT_CITED_LEAD_IN,
        validators=[attribution.validate_template],
        help_text=attribution.CITED_HELP,
    )
    cited_disclaimer_template = models.TextField(
        _("closing disclaimer of stories citing a source"),
        default=attribution.DEFAULT_CITED_DISCLAIMER,
        validators=[attribution.validate_template],
        help_text=attribution.CITED_HELP,
    )

    show_hijri_date = models.BooleanField(
        _("show the Hijri date"),
        default=False,
        help_text=_("Dates on the site also show the Hijri (Umm al-Qura) date."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def lead_in(self, article):
        """The line above the story's text that names where it comes from."""
        cited = attribution.kind(article) == attribution.CITED
        template = self.cited_lead_in_template if cited else self.lead_in_template
        return attribution.render(template, self._values(article))

    def disclaimer(self, article):
        """The closing line: copied automatically, or written citing the source."""
        cited = attribution.kind(article) == attribution.CITED
        template = self.cited_disclaimer_template if cited else self.disclaimer_template
        return attribution.render(template, self._values(article))

    def _values(self, article):
        return {
            "site": self.site_name,
            "section": article.category.name,
            "title": article.title,
            "source": article.source.name if article.source_id else "",
        }
