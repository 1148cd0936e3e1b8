from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from core.text import single_line

from .models import Article

# What the body editor offers matches what core.html.clean_html keeps.
EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "ListItem": True,
        "OrderedList": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Figure": True,
        "Image": True,
        "Caption": True,
        "History": True,
    }
}


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; a save based on an older one is refused, not merged.
    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "category", "tags", "excerpt", "body", "image", "image_alt",
            "image_caption", "image_credit", "published_at", "byline", "featured",
            "comments_open", "source", "original_url", "original_published_at",
            "show_attribution", "correction",
        ]  # fmt: skip
        widgets = {
            "body": AdminProseEditorWidget(config=EDITOR_CONFIG, preset="configurable"),
            "excerpt": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "correction": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # From the database, not the instance: a revision being restored carries its own.
            self.initial["version_seen"] = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean_title(self):
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("The title cannot be empty."), code="empty")
        return title

    def clean(self):
        cleaned = super().clean()
        if self.data.get("_workflow") == "schedule":
            at = cleaned.get("published_at")
            if at and at <= timezone.now():
                self.add_error("published_at", _("A scheduled time must be in the future."))
        if self.instance.pk:
            self._check_version(cleaned.get("version_seen"))
        return cleaned

    def _check_version(self, seen):
        # The admin saves inside a transaction: the lock holds until this save is written.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if seen is not None and current is not None and seen != current:
            url = reverse("admin:articles_article_change", args=[self.instance.pk])
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                    _(
                        "Someone else saved this article after you opened it, so your "
                        "changes were not saved. Copy them, then open the newer version:"
                    ),
                    url,
                    _("the newer version"),
                ),
                code="conflict",
            )
