"""Sections and tags: how articles are grouped for readers."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import single_line


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections with a smaller number come first.")
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent section"),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    # Where an imported item without a section of its own goes (feeds, WordPress).
    UNCATEGORISED_SLUG, UNCATEGORISED_NAME = "غير-مصنف", "غير مصنف"

    @classmethod
    def uncategorised(cls):
        return cls.objects.get_or_create(
            slug=cls.UNCATEGORISED_SLUG, defaults={"name": cls.UNCATEGORISED_NAME}
        )[0]


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = single_line(self.name)  # tag_list uses control characters as separators
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})
