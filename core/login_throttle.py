"""Admin sign-in throttling: django-axes counts and locks; here are its admin name and our page.

The AXES_* settings (newsroom/settings/base.py) lock signing in for 15 minutes after five
failures from one address or for one username. Axes' database handler, not its cache handler:
the count is the same in every server process with or without Redis (the cache handler's
increment fails when our Redis cache, down, answers None), and an administrator sees a lock
in the admin and lifts it by deleting the attempt.
"""

from axes.apps import AppConfig
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Words of django-axes' admin pages that its Arabic catalogue lacks: named here so that
# `make messages` keeps their Arabic in ours (LOCALE_PATHS translations serve every app).
AXES_ADMIN_WORDS = [
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
]


class AxesConfig(AppConfig):
    """django-axes, under a heading editors can read in the admin's index."""

    verbose_name = _("Sign-in attempts")


def locked_out(request, original_response, credentials=None):
    """Refuse with our Arabic page an attempt made while locked.

    Axes flags the failure that reaches the limit too; that attempt keeps the form and its
    "wrong password" error, and the lock shows from the next attempt on. Axes sets
    axes_failures_since_start only for a failure it counted, never for an attempt it refused
    unchecked (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off).
    """
    if request.axes_failures_since_start is not None:
        return original_response
    return render(request, "admin/locked_out.html", status=429)
