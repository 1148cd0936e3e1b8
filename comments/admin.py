"""The moderation queue."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Comment, DiscussionSettings
from .selectors import status_counts
from .services import moderate_comments


class StatusFilter(admin.SimpleListFilter):
    """Statuses with their counts, pending first: the queue opens on what waits."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        counts = status_counts()
        return [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in Comment.Status.choices
        ] + [(self.ALL, _("All"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def _action(name, label):
    @admin.action(description=label, permissions=["change"])
    def action(modeladmin, request, queryset):
        changed = moderate_comments(queryset, action=name, by=request.user)
        modeladmin.message_user(
            request,
            ngettext("%(count)d comment changed.", "%(count)d comments changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = name
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt", "name", "email", "ip", "article_link", "status", "reason", "created_at",
    ]  # fmt: skip
    list_filter = [StatusFilter]
    list_select_related = ["article"]
    search_fields = ["name", "email", "ip", "body"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    # Counting the whole table for "N total" costs more than the page itself at 100k rows.
    show_full_result_count = False
    actions = [
        _action("approve", _("Approve")),
        _action("hold", _("Hold for moderation")),
        _action("spam", _("Mark as spam")),
        _action("trash", _("Move to trash")),
        _action("restore", _("Restore from trash")),
    ]
    fields = [
        "article_link", "parent", "name", "email", "url", "body", "status", "reason",
        "ip", "user_agent", "user", "created_at",
    ]  # fmt: skip
    readonly_fields = [
        "article_link", "parent", "reason", "ip", "user_agent", "user", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # comments come from readers (or importers), not from the admin

    def save_model(self, request, obj, form, change):
        # A status chosen in the form is a moderation decision like a bulk action's.
        if "status" in form.changed_data:
            obj.previous_status = form.initial["status"]
            obj.moderated_at = timezone.now()
            obj.moderated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return format_html('<span dir="auto">{}</span>', Truncator(comment.body).chars(120))

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}" dir="auto">{}</a>',
            comment.article.get_absolute_url(),
            Truncator(comment.article.title).chars(60),
        )


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["close_old_articles", "close_after_days"]}),
        (
            _("Before a comment appears"),
            {"fields": ["manual_approval", "require_previous_approval"]},
        ),
        (
            _("Moderation"),
            {"fields": ["link_limit", "moderation_words", "disallowed_words"]},
        ),
        (_("Display"), {"fields": ["thread_depth", "per_page"]}),
    ]

    def has_add_permission(self, request):
        return not DiscussionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
