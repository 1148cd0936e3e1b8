"""The editor's autosave in the admin: its endpoints, its notice, its clean-up on saving.

ArticleAdmin inherits this mixin; everything here goes through articles/autosave.py.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import autosave


class AutosaveAdminMixin:
    """Autosave for a ModelAdmin of articles: put it before the ModelAdmin in the bases."""

    def get_urls(self):
        keep = self.admin_site.admin_view(self.autosave_view)
        name = self._autosave_url_name()
        return [
            # Before the admin's own "<path:object_id>/", which would take these addresses.
            path("add/autosave/", keep, name=f"{name}_new"),
            path("<path:object_id>/autosave/", keep, name=name),
            *super().get_urls(),
        ]

    def autosave_view(self, request, object_id=None):
        """Keep the editor's text (POST: title, excerpt, body, version_seen); JSON back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = None
        if object_id is not None:
            article = self.get_object(request, unquote(object_id))
            if article is None:
                return JsonResponse({"kept": False, "message": ""}, status=404)
        try:
            if not self._may_write(request, article):
                raise PermissionDenied(_("You may not do this to this article."))
            kept = autosave.keep(
                article,
                by=request.user,
                title=request.POST.get("title", ""),
                excerpt=request.POST.get("excerpt", ""),
                body=request.POST.get("body", ""),
                version_seen=_version(request.POST.get("version_seen")),
            )
        except PermissionDenied as refused:
            return JsonResponse({"kept": False, "message": str(refused)}, status=403)
        except autosave.StaleAutosave as stale:
            return JsonResponse({"kept": False, "message": stale.messages[0]}, status=409)
        except ValidationError as invalid:
            message = " ".join(invalid.messages)
            return JsonResponse({"kept": False, "message": message}, status=400)
        return JsonResponse({"kept": kept is not None, "message": autosave.saved_message(kept)})

    def _autosave_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_autosave"

    def _may_write(self, request, article):
        if article is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, article)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Saved for real: the writer's autosave is now the article, or older than it.
        autosave.discard(obj if change else None, user=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["article_editor"] = self._editor_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editor_context(self, request, article):
        """What _editor_help.html shows: the autosave's address, timing, and a kept text."""
        if not self._may_write(request, article):
            return None
        name = f"{self.admin_site.name}:{self._autosave_url_name()}"
        url = reverse(f"{name}_new") if article is None else reverse(name, args=[quote(article.pk)])
        return {
            "autosave_url": url,
            "after_seconds": autosave.AFTER_SECONDS,
            "at_least_every_seconds": autosave.AT_LEAST_EVERY_SECONDS,
            "kept": autosave.pending(article, user=request.user),
        }


def _version(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
