"""Error pages: the reader's, and the admin's in the admin's own look with a way back to the
desk; both must render when the database is the problem."""

import sys

from django.conf import settings
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import defaults

# Seconds a reader's browser (or a proxy) should wait before asking again.
RETRY_AFTER = "5"


def permission_denied(request, exception):
    if not in_admin(request):
        return defaults.permission_denied(request, exception)
    return _admin_page(request, "admin/errors/403.html", _("Access denied"), 403)


def page_not_found(request, exception):
    if not in_admin(request):
        return defaults.page_not_found(request, exception)
    return _admin_page(request, "admin/errors/404.html", _("Page not found"), 404)


def server_error(request, template_name="500.html"):
    """A lost database connection is an outage, not a bug: say so with a 503 the reader can
    retry. Everything else gets the usual 500 page (the admin's own, in the admin)."""
    if isinstance(sys.exc_info()[1], (InterfaceError, OperationalError)):
        return unavailable()
    if in_admin(request):
        # No request context: what went wrong may be what the context processors need.
        context = {
            "title": _("Server error"),
            "site_header": admin.site.site_header,
            "site_title": admin.site.site_title,
        }
        return HttpResponse(render_to_string("admin/errors/500.html", context), status=500)
    return defaults.server_error(request, template_name)


def unavailable():
    # No request context: a context processor could query the database that is down.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response


def in_admin(request):
    return request.path.startswith("/" + settings.NEWSROOM_ADMIN_PATH)


def _admin_page(request, template, title, status):
    context = {**admin.site.each_context(request), "title": title}
    response = TemplateResponse(request, template, context, status=status)
    return response.render()
