from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.templatetags.arabic import arabic_date

from . import desk, permissions, preview, workflow
from .admin_history import ArticleHistoryAdmin
from .autosave_admin import AutosaveAdminMixin
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
# Someone who may look but not edit reads the article as readers will (the `as_read` panel),
# then its other particulars: these fields are in the panel, not in the list.
AS_READ_FIELDS = {
    "title", "body", "image", "image_alt", "image_caption", "image_credit", "correction",
}  # fmt: skip


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
class ArticleAdmin(AutosaveAdminMixin, ArticleHistoryAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    # The form's one row of actions, at its top and its bottom (change_form.html).
    save_on_top = True
    list_display = ["title", "category", "state_column", "author_column", "source"]
    list_filter = [StateFilter, "category", "source", "published_at"]
    list_select_related = ["category", "author", "source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "tags", "source"]
    readonly_fields = ["author", "state_column", "events", "created_at", "as_read"]
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
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return _read_only(fieldsets)
        # The version the form was opened on travels with it (see ArticleAdminForm).
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
        editable = self.has_change_permission(request, obj) if obj else add
        context["desk_actions"] = desk.actions(request.user, obj) if editable else []
        if obj and obj.state in desk.PREVIEWED:
            context["preview_url"] = preview.absolute_preview_url(obj, request)
            context["preview_note"] = preview.EXPIRY_NOTE
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._response_done(request, obj)

    def response_change(self, request, obj):
        if IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        return self._response_done(request, obj)

    def _response_done(self, request, article):
        """Say what the button pressed did, then stay on the article, as WordPress does;
        an article sent to the trash, or no longer the user's to edit, leaves for the list."""
        name = request.POST.get("_workflow")
        self.message_user(request, desk.done_message(name, article), messages.SUCCESS)
        if name == "trash" or not self.has_change_permission(request, article):
            return self.response_post_save_change(request, article)
        url = reverse("admin:articles_article_change", args=[article.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a revision is an edit: the same rights, and one transaction so that the
        # version check's row lock holds until the restored copy is written.
        current = self.get_object(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("status"), ordering="published_at")
    def state_column(self, article):
        """A coloured label, and when it was published (or is due), else last changed."""
        state = article.state
        if state in (Article.Status.PUBLISHED, Article.SCHEDULED):
            at, when = article.published_at, arabic_date(article.published_at, True)
        else:
            at = article.updated_at or timezone.now()
            when = _("last changed {date}").format(date=arabic_date(at, True))
        return format_html(
            '<span class="state-label state-{}">{}</span> <time class="state-time" datetime="{}">'
            "{}</time>",
            state,
            article.state_label,
            at.isoformat(),
            when,
        )

    @admin.display(description=_("author"), ordering="author")
    def author_column(self, article):
        if article.author is None:
            return "-"
        name = article.author.get_full_name() or article.author.get_username()
        return format_html("<bdi>{}</bdi>", name)

    @admin.display(description=_("The article as readers will see it"))
    def as_read(self, article):
        return render_to_string("admin/articles/article/_as_read.html", {"article": article})

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


def _read_only(fieldsets):
    """The fieldsets of a read-only view: the article as read, then what the panel omits."""
    rest = [
        (name, {**options, "fields": [f for f in options["fields"] if f not in AS_READ_FIELDS]})
        for name, options in fieldsets
    ]
    panel = (None, {"fields": ["as_read"], "classes": ["article-read-only"]})
    return [panel, *[(name, options) for name, options in rest if options["fields"]]]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
