"""The sign-in attempts django-axes keeps, in the admin, every word of it Arabic.

Axes' own admin (AXES_ENABLE_ADMIN, off) titles its status column from a method name and
builds its clean-up message with an f-string, so neither can be translated; its access
logs stay empty here (AXES_DISABLE_ACCESS_LOG). This admin shows the attempts alone.
"""

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    actions = ["clean_up_expired_attempts"]

    @admin.action(description=_("Clean up expired attempts"))
    def clean_up_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        message = ngettext(
            "%(count)d expired attempt was removed.",
            "%(count)d expired attempts were removed.",
            count,
        )
        self.message_user(request, message % {"count": count})

    @admin.display(description=_("status"))
    def status(self, attempt):
        return super().status(attempt)

    @admin.display(description=_("expires"))
    def expiration(self, attempt):
        return super().expiration(attempt)
