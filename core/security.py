"""Security headers the settings alone do not give."""

from django.conf import settings
from django.utils.csp import CSP

ADMIN_SCRIPTS = {
    **settings.SECURE_CSP,
    # The admin's editor loads an inline import map, and the admin has inline styles;
    # only logged-in staff reach it.
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.NEWSROOM_ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            response._csp_config = ADMIN_SCRIPTS
        return response
