import json

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
        "Placeholder": {"placeholder": _("Write the article here…")},
        # prose-editor turns the browser's spelling check off; writers want it on.
        "NoSpellCheck": False,
    }
}

# prose-editor names its menu items in English and translates only its dialogs, through
# window.gettext. The editor's script (articles/static/articles/editor.js) relabels the menu
# items by name with MENU_LABELS, and answers the dialogs' gettext with DIALOG_WORDS.
MENU_LABELS = {
    "blockType": _("Paragraph or heading"),
    "paragraph": _("Paragraph"),
    "heading2": _("Heading 2"),
    "heading3": _("Heading 3"),
    "heading4": _("Heading 4"),
    "bulletList": _("Bulleted list"),
    "orderedList": _("Numbered list"),
    "orderedListProperties": _("List properties"),
    "blockquote": _("Quote"),
    "figure": _("Image with a caption"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "link": _("Insert or edit a link"),
    "unlink": _("Remove the link"),
    "history:undo": _("Undo"),
    "history:redo": _("Redo"),
}
# prose-editor's own words (its msgids), in the dialogs our configuration can open.
DIALOG_WORDS = {
    "Edit Link": _("Edit Link"),
    "URL": _("URL"),
    "Title": _("Title"),
    "Open in new window": _("Open in new window"),
    "Insert Figure": _("Insert Figure"),
    "Edit Figure": _("Edit Figure"),
    "Edit Image": _("Edit Image"),
    "Image URL": _("Image URL"),
    "Alternative Text": _("Alternative Text"),
    "Caption": _("Caption"),
    "Add caption": _("Add caption"),
    "Remove caption": _("Remove caption"),
    "List properties": _("List properties"),
    "List type": _("List type"),
    "Start at": _("Start at"),
    "Decimal numbers": _("Decimal numbers"),
    "Lowercase letters": _("Lowercase letters"),
    "Uppercase letters": _("Uppercase letters"),
    "Lowercase Roman numerals": _("Lowercase Roman numerals"),
    "Uppercase Roman numerals": _("Uppercase Roman numerals"),
    "Insert": _("Insert"),
    "Update": _("Update"),
    "Cancel": _("Cancel"),
}


class ArticleBodyWidget(AdminProseEditorWidget):
    """prose-editor, its words in the page's language, with the editor's own script."""

    def __init__(self, **kwargs):
        super().__init__(config=EDITOR_CONFIG, preset="configurable", **kwargs)

    @property
    def media(self):
        own = forms.Media(js=["articles/editor.js"], css={"all": ["articles/editor.css"]})
        return super().media + own

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        words = {
            "menu": {key: str(label) for key, label in MENU_LABELS.items()},
            "dialog": {key: str(word) for key, word in DIALOG_WORDS.items()},
        }
        context["widget"]["attrs"]["data-editor-labels"] = json.dumps(words, ensure_ascii=False)
        return context


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
            "body": ArticleBodyWidget(),
            "excerpt": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "correction": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }
        # Said as a writer would, not in the words of HTML.
        help_texts = {
            "slug": _(
                "The last part of the article's address on the site. Left empty, it is made "
                "from the title."
            ),
            "excerpt": _(
                "One or two sentences that sum up the article, shown under its title on the "
                "home page and in the lists of articles."
            ),
            "body": _(
                "Write the article in the area below. Its buttons, or the shortcuts listed "
                "under it, make headings, lists, quotes and links. What you type is kept "
                "automatically a few seconds after you stop, so closing the page does not "
                "lose it."
            ),
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
