"""Error pages that must render when the database is the problem."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as default_server_error

# Seconds a reader's browser (or a proxy) should wait before asking again.
RETRY_AFTER = "5"


def server_error(request, template_name="500.html"):
    """A lost database connection is an outage, not a bug: say so with a 503 the reader can
    retry. Everything else gets the usual 500 page."""
    if isinstance(sys.exc_info()[1], (InterfaceError, OperationalError)):
        return unavailable()
    return default_server_error(request, template_name)


def unavailable():
    # No request context: a context processor could query the database that is down.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response
