"""The article's history in the admin: its revisions and workflow steps, any two compared,
any one restored.

django-simple-history keeps the revisions and its revert form restores one; this mixin (put
before SimpleHistoryAdmin) replaces its list, whose values are database values (UTC times,
"None", "[430 chars]"), with the words of articles.revisions, adds the comparison, and answers
404 to an address whose ids are not this article's (its views answer 500 to "abc").
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from . import revisions

COMPARE_TEMPLATE = "admin/articles/article/compare.html"


class ArticleHistoryAdmin:
    object_history_template = "admin/articles/article/object_history.html"
    object_history_form_template = "admin/articles/article/object_history_form.html"
    history_list_per_page = 50

    def get_urls(self):
        compare = self.admin_site.admin_view(self.compare_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        return [path("<path:object_id>/compare/", compare, name=name), *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        article = self._readable_article(request, object_id)
        history = article.history.select_related("history_user")
        per_page = self.history_list_per_page
        page = Paginator(history, per_page).get_page(request.GET.get(PAGE_VAR))
        start = max(page.start_index() - 1, 0)
        page_revisions = list(history[start : start + per_page + 1])
        older = page_revisions.pop() if len(page_revisions) > per_page else None
        events = article.events.select_related("actor")
        if older:
            events = events.filter(at__gt=older.history_date)
        if start:
            events = events.filter(at__lt=history[start - 1].history_date)
        entries = revisions.timeline(page_revisions, older, events, page.paginator.count - start)
        # The two newest revisions of the page are picked for comparison until the editor
        # picks others.
        picked = [revision.history_id for revision in [*page_revisions, older] if revision]
        context = {
            **self._context(request, article, _("Revision history")),
            "entries": entries,
            "picked_newer": picked[0] if picked else None,
            "picked_older": picked[1] if len(picked) > 1 else None,
            "current_id": page_revisions[0].history_id if page_revisions and not start else None,
            "revision_count": page.paginator.count,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "can_restore": not self.revert_disabled(request, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        article = self._readable_article(request, object_id)
        older = self._revision(article, request.GET.get("a"))
        newer = self._revision(article, request.GET.get("b"))
        latest = list(article.history.select_related("history_user")[:2])
        newer = newer or (latest[0] if latest else None)
        older = older or (latest[-1] if latest else None)
        context = self._context(request, article, _("Compare revisions"))
        if newer is not None:
            context.update(revisions.comparison(article, older, newer))
        context["can_restore"] = not self.revert_disabled(request, article)
        return TemplateResponse(request, COMPARE_TEMPLATE, context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore a revision: django-simple-history's revert form, filled with the revision's
        tags and with the article's own publish time, so that the workflow state (and a
        scheduled time) stays what it is; ArticleAdmin.save_model keeps the status."""
        article = self._readable_article(request, object_id)
        revision = self._revision(article, version_id)
        if revision is None:
            raise Http404
        if self.revert_disabled(request, article):
            # Who may only read compares revisions; the form is for restoring one.
            raise PermissionDenied
        events = list(article.events.select_related("actor"))
        entry = revisions.revision_entry(revision, revisions.number_of(revision), events)
        request.restoring = {
            "entry": entry,
            "tags": revisions.Names([revision]).tag_ids.get(revision.history_id, []),
            "published_at": article.published_at,
        }
        context = {
            "title": _("Restore revision {number}").format(number=entry.number),
            "revision_entry": entry,
            "current_state": article.state_label,
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        restoring = getattr(request, "restoring", None)
        if restoring is None:
            return form

        class RevisionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    self.initial["tags"] = restoring["tags"]
                    self.initial["published_at"] = restoring["published_at"]

        return RevisionForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if getattr(request, "restoring", None) is None:
            return fieldsets
        # The revision's status would read as the article's; the note above the form says
        # that the article's stays.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "state_column"]})
            for name, options in fieldsets
        ]

    def save_form(self, request, form, change):
        article = super().save_form(request, form, change)
        save_tags = form.save_m2m

        def save_m2m():
            # The revision the save wrote gets the tags; saving them writes none of its own.
            article.skip_history_when_saving = True
            try:
                save_tags()
            finally:
                del article.skip_history_when_saving
            revisions.record_tags([article])

        form.save_m2m = save_m2m
        return article

    def message_user(self, request, message, *args, **kwargs):
        # Whatever the form's save says, a restored revision is told as what it is.
        restoring = getattr(request, "restoring", None)
        if restoring is not None and not restoring.get("told"):
            restoring["told"] = True
            message = _(
                "Revision {number} is restored: it is now the article's text, as a new "
                "revision. Its status has not changed."
            ).format(number=restoring["entry"].number)
        return super().message_user(request, message, *args, **kwargs)

    def _readable_article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, article):
            raise PermissionDenied
        return article

    def _revision(self, article, value):
        """The article's revision with this id; None when none is asked for; 404 when the id
        is not one of this article's revisions."""
        if value in (None, ""):
            return None
        value = str(value)
        # Digits only, and no more than a database integer holds.
        if not (value.isascii() and value.isdigit() and len(value) < 19):
            raise Http404
        revision = article.history.select_related("history_user").filter(history_id=value)
        found = revision.first()
        if found is None:
            raise Http404
        return found

    def _context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": article.title,
            "opts": self.opts,
            "original": article,
            "object": article,
        }
