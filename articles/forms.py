from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.text import single_line

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "category", "tags", "excerpt", "body",
            "status", "published_at", "comments_open", "source", "original_url",
        ]  # fmt: skip
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "dir": "auto"}),
            "excerpt": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }

    def clean_title(self):
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("The title cannot be empty."), code="empty")
        return title
