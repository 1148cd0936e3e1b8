"""The moderation queue: a card per comment, one-click actions, replies, edits, the trash."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import editing, queue
from .models import Comment, DiscussionSettings
from .services import moderate_comments


class StatusFilter(admin.SimpleListFilter):
    """Statuses with their counts, pending first: the queue opens on what waits."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"
    # Django's filter, with each status marked so that queue.js can update its count.
    template = "admin/comments/comment/status_filter.html"

    def lookups(self, request, model_admin):
        return [*queue.status_labels().items(), (self.ALL, _("All"))]

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
                "status": "" if value == self.ALL else value,
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


class QueueChangeList(ChangeList):
    """The admin's changelist, each comment of the page with its author's history."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = queue.with_history(self.result_list)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt", "name", "email", "ip", "article_link", "status", "reason", "created_at",
    ]  # fmt: skip
    list_filter = [StatusFilter]
    list_select_related = ["article", "parent"]
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
        "article_link", "parent", "name", "email", "url", "body", "original_body", "edited_at",
        "status", "reason", "from_staff", "ip", "user_agent", "user", "created_at",
    ]  # fmt: skip
    readonly_fields = [
        "article_link", "parent", "original_body", "edited_at", "reason", "from_staff", "ip",
        "user_agent", "user", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # comments come from readers (or importers), not from the admin

    def has_delete_permission(self, request, obj=None):
        # Nobody deletes a comment for good from the queue (no delete_selected either): it goes
        # to the trash, which is emptied of what has been there TRASH_DAYS days.
        return False

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        name = "comments_comment_"
        return [
            path("<int:pk>/moderate/<slug:action>/", view(queue.moderate), name=name + "moderate"),
            path("<int:pk>/reply/", view(queue.reply), name=name + "reply"),
            path("<int:pk>/quick-edit/", view(queue.quick_edit), name=name + "quick_edit"),
            path("empty-trash/", view(queue.empty_trash), name=name + "empty_trash"),
            *super().get_urls(),
        ]

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        known = queue.known_count(request.GET)
        if known is not None:
            paginator.count = known  # a cached_property: set, it is not computed
        return paginator

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def changelist_view(self, request, extra_context=None):
        context = {"trash_days": editing.TRASH_DAYS, **(extra_context or {})}
        return super().changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        # A status chosen in the form is a moderation decision like a bulk action's.
        if "status" in form.changed_data:
            obj.previous_status = form.initial["status"]
            obj.moderated_at = timezone.now()
            obj.moderated_by = request.user
        if "body" in form.changed_data:
            editing.note_edit(obj, previous_body=form.initial["body"])
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
