from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import ArticleAdminForm
from .models import Article, Category, RecommendedStory, SiteSettings, Source, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage"]
    search_fields = ["name", "homepage"]


class RecommendedStoryInline(admin.TabularInline):
    model = RecommendedStory
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["story"]
    fields = ["position", "story"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "category", "status", "published_at", "author", "source"]
    list_filter = ["status", "category", "source", "published_at"]
    list_select_related = ["category", "author", "source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "tags", "source"]
    readonly_fields = ["author", "created_at", "updated_at"]
    inlines = [RecommendedStoryInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "tags", "excerpt", "body"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "author", "comments_open"]}),
        (
            _("Attribution"),
            {
                "fields": ["source", "original_url"],
                "description": _(
                    "For an item republished from a news source: the lead-in line and the "
                    "closing disclaimer are shown with the link to the original."
                ),
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
