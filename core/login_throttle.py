"""Admin login throttling: after repeated failures, an address or a username is locked out for
a while, with a clear Arabic message, before any password is checked again."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render

from core.clientip import client_ip

FAILURE_LIMIT = 5
LOCKOUT_SECONDS = 15 * 60


def _keys(ip, username):
    return [f"login-failures:ip:{ip}", f"login-failures:user:{(username or '').lower()[:150]}"]


def is_locked(ip, username):
    counts = cache.get_many(_keys(ip, username))
    return any(count >= FAILURE_LIMIT for count in counts.values())


@receiver(user_login_failed, dispatch_uid="login-throttle-failed")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key in _keys(client_ip(request), credentials.get("username")):
        if not cache.add(key, 1, LOCKOUT_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.set(key, 1, LOCKOUT_SECONDS)


@receiver(user_logged_in, dispatch_uid="login-throttle-success")
def forget_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete_many(_keys(client_ip(request), user.get_username()))


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = "/" + settings.NEWSROOM_ADMIN_PATH + "login/"

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path == self.login_path
            and is_locked(client_ip(request), request.POST.get("username"))
        ):
            return render(request, "admin/locked_out.html", status=429)
        return self.get_response(request)
