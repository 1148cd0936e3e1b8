from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import permissions, preview, revisions, workflow
from .forms import ArticleAdminForm
from .ingest import import_source
from .models import (
    Article,
    Category,
    RecommendedStory,
    SiteSettings,
    Source,
    SourceFeed,
    Tag,
)

# Edits to these fields after publication show the reader a "last updated" time.
CONTENT_FIELDS = {"title", "excerpt", "body", "image", "image_caption", "correction"}
# The status and the fields it drives change only through workflow services.
WORKFLOW_FIELDS = ["status", "previous_status", "trashed_at", "went_live_at", "author_id"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class SourceFeedInline(admin.TabularInline):
    model = SourceFeed
    extra = 1
    fields = ["url", "last_checked", "last_result"]
    readonly_fields = ["last_checked", "last_result"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage", "active", "publish_directly", "default_category"]
    list_filter = ["active", "publish_directly"]
    search_fields = ["name", "homepage"]
    inlines = [SourceFeedInline]
    actions = ["import_now"]

    @admin.action(description=_("Import their feeds now"), permissions=["change"])
    def import_now(self, request, queryset):
        for source in queryset.prefetch_related("feeds"):
            summary = import_source(source)
            self.message_user(
                request,
                _("{source}: {new} new, {updated} updated, {skipped} skipped.").format(
                    source=source,
                    new=summary.new,
                    updated=summary.updated,
                    skipped=len(summary.skipped),
                ),
                messages.WARNING if summary.errors or summary.skipped else messages.SUCCESS,
            )
            for error in summary.errors:
                self.message_user(request, error, messages.ERROR)


class RecommendedStoryInline(admin.TabularInline):
    model = RecommendedStory
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["story"]
    fields = ["position", "story"]


class StateFilter(admin.SimpleListFilter):
    """Workflow states, scheduled included; the trash only when asked for."""

    title = _("status")
    parameter_name = "state"

    ALL = "all"

    def lookups(self, request, model_admin):
        states = [(state, label) for state, label in Article.STATE_LABELS.items()]
        return [*states, (self.ALL, _("All, the trash included"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.exclude(status=Article.Status.TRASH)
        if value == self.ALL:
            return queryset
        return queryset.in_state(value)


def _workflow_action(service, label, *, needs="change"):
    @admin.action(description=label, permissions=[needs])
    def action(modeladmin, request, queryset):
        done = refused = 0
        for article in queryset:
            try:
                service(article, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError):
                refused += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d article changed.", "%(count)d articles changed.", done)
            % {"count": done},
            messages.SUCCESS,
        )
        if refused:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d article was left as it was: you may not do that to it.",
                    "%(count)d articles were left as they were: you may not do that to them.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

    action.__name__ = service.__name__
    return action


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_display = ["title", "category", "state_column", "published_at", "author", "source"]
    list_filter = [StateFilter, "category", "source", "published_at"]
    list_select_related = ["category", "author", "source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "tags", "source"]
    readonly_fields = ["author", "state_column", "preview_link", "events", "created_at"]
    inlines = [RecommendedStoryInline]
    actions = [
        _workflow_action(workflow.submit_for_review, _("Submit for review")),
        _workflow_action(workflow.publish, _("Publish now"), needs="publish"),
        _workflow_action(workflow.unpublish, _("Unpublish"), needs="publish"),
        _workflow_action(workflow.trash, _("Move to trash")),
        _workflow_action(workflow.restore, _("Restore from trash")),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "tags", "excerpt", "body"]}),
        (
            _("Featured image"),
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "state_column",
                    "published_at",
                    "author",
                    "byline",
                    "comments_open",
                    "preview_link",
                ]  # fmt: skip
            },
        ),
        (
            _("Attribution"),
            {
                "fields": [
                    "source",
                    "original_url",
                    "original_published_at",
                    "show_attribution",
                ],  # fmt: skip
                "description": _(
                    "For an item republished from a news source: the lead-in line and the "
                    "closing disclaimer are shown with the link to the original."
                ),
            },
        ),
        (_("Correction"), {"fields": ["correction"]}),
        (_("Workflow history"), {"fields": ["events", "created_at"], "classes": ["collapse"]}),
    ]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit(request.user, obj))

    def has_publish_permission(self, request):
        return request.user.has_perm(permissions.PUBLISH)

    def get_fieldsets(self, request, obj=None):
        # The version the form was opened on travels with it (see ArticleAdminForm).
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["version_seen"], "classes": ["hidden"]})]

    def save_model(self, request, obj, form, change):
        if change:
            current = Article.objects.filter(pk=obj.pk).values(*WORKFLOW_FIELDS).get()
            for field, value in current.items():
                setattr(obj, field, value)
            if obj.is_public and CONTENT_FIELDS.intersection(form.changed_data):
                obj.edited_at = timezone.now()
        else:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: a refused transition rolls the whole save back (403).
        self._run_transition(request, form.instance)

    def _run_transition(self, request, article):
        name = request.POST.get("_workflow")
        if name:
            workflow.run(name, article, by=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = (
            [] if context.get("revert") else workflow_buttons(request.user, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a revision is an edit: the same rights, and one transaction so that the
        # version check's row lock holds until the restored copy is written.
        current = self.get_object(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        return [
            path("<path:object_id>/compare/", compare, name="articles_article_compare"),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare revisions"),
            **revisions.comparison(article, request.GET.get("a"), request.GET.get("b")),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    @admin.display(description=_("status"))
    def state_column(self, article):
        if article.state == Article.SCHEDULED:
            return format_html(
                "{} <small>({})</small>",
                article.state_label,
                timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M:%S"),
            )
        return article.state_label

    @admin.display(description=_("preview link"))
    def preview_link(self, article):
        if not article.pk:
            return "-"
        url = settings.NEWSROOM_SITE_URL + preview.preview_url(article)
        return format_html(
            '<a href="{0}" target="_blank" rel="noopener">{0}</a><br><small>{1}</small>',
            url,
            preview.EXPIRY_NOTE,
        )

    @admin.display(description=_("workflow history"))
    def events(self, article):
        if not article.pk:
            return "-"
        rows = article.events.select_related("actor")[:30]
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {}: {} → {}</li>",
                (
                    (
                        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                        event.actor or _("automatically"),
                        event.from_label,
                        event.to_label,
                    )
                    for event in rows
                ),
            ),
        )


def workflow_buttons(user, article):
    """(name, label) of the transitions this user may make, for the buttons under the form."""
    return [(name, BUTTON_LABELS[name]) for name in workflow.available_transitions(user, article)]


BUTTON_LABELS = {
    "submit": _("Submit for review"),
    "publish": _("Publish now"),
    "schedule": _("Schedule for the publish time"),
    "unpublish": _("Unpublish (back to draft)"),
    "trash": _("Move to trash"),
    "restore": _("Restore from trash"),
}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
