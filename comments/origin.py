"""Cross-site posting refused without a per-reader token, so that shared cached pages can post.

Django's CSRF check needs a token in the page, which a page shared from the cache cannot hold
and a reader without JavaScript cannot fetch. Browsers say where a POST comes from instead:
`Sec-Fetch-Site` (Fetch Metadata: every current browser, over HTTPS and on localhost) and
`Origin` (on every form POST, all current browsers). A page of another site cannot forge them,
and a client that forges them is not a victim's browser, which is whom CSRF protects. The rule
is Go's `http.CrossOriginProtection` (Go 1.25), with Django's token check kept for a client
that sends neither (an old browser, a script): it passes with the token the page's script
fetched, or the one a refusal page carries. Django 6.1's CsrfViewMiddleware reads `Origin` but
still insists on the token, hence this module.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.http import is_same_domain

log = logging.getLogger("django.security.csrf")

# "none": the reader's own action (a bookmark, the address bar), not another site's page.
FROM_THE_READER = {"same-origin", "none"}
# What refusal() answers: sent by another site's page, or by a client that said nothing of
# where it came from and had no valid token either (often a page kept open past its cookie).
CROSS_SITE = "cross-site"
UNVERIFIED = "unverified"


def refusal(request):
    """CROSS_SITE or UNVERIFIED when this POST cannot be trusted to come from our own pages,
    None when it can."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site in FROM_THE_READER:
        return None
    if origin is not None:
        return None if trusted_origin(request, origin) else _cross_site(request, "Origin")
    if fetch_site is not None:
        return _cross_site(request, "Sec-Fetch-Site without Origin")
    return _token_refusal(request)


def _cross_site(request, why):
    log.warning("Forbidden (cross-site post: %s): %s", why, request.path)
    return CROSS_SITE


def trusted_origin(request, origin):
    """Our own scheme and host, or one of CSRF_TRUSTED_ORIGINS (`*.` allows subdomains)."""
    try:
        ours = ("https" if request.is_secure() else "http") + "://" + request.get_host()
    except DisallowedHost:
        ours = None
    if origin in (ours, *settings.CSRF_TRUSTED_ORIGINS):
        return True
    try:
        sent = urlsplit(origin)
    except ValueError:
        return False
    return any(
        sent.scheme == trusted.scheme and is_same_domain(sent.netloc, trusted.netloc.lstrip("*"))
        for trusted in map(urlsplit, settings.CSRF_TRUSTED_ORIGINS)
        if trusted.netloc.startswith("*")
    )


def _token_refusal(request):
    """Django's own check (the CSRF cookie and token, and on HTTPS the Referer); it logs."""
    refused = CsrfViewMiddleware(_no_view).process_view(request, None, (), {})
    return None if refused is None else UNVERIFIED


def _no_view(request):
    raise AssertionError("only process_view is called")
