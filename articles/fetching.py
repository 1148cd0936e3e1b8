"""Fetch a feed over HTTP from the public internet only.

Editors type feed addresses; the server fetches them. Without a check, an address such as
http://127.0.0.1:6379/ or http://169.254.169.254/ would make the server read its own network
and publish what it found (server-side request forgery). Every address, and every address a
redirect leads to, must resolve only to public (global) IP addresses. A newsroom that really
polls a feed inside its own network sets FEEDS_FROM_PRIVATE_ADDRESSES=true.
"""

import ipaddress
import socket
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _


def refuse_private(url):
    if not url.lower().startswith(("http://", "https://")):
        raise OSError(_("only http and https addresses are fetched"))
    if settings.NEWSROOM_FEEDS_FROM_PRIVATE_ADDRESSES:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(_("{host}: no such host ({error})").format(host=host, error=error)) from None
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise OSError(
                _("{host} is inside a private network: feeds are fetched from the internet only.")
                .format(host=host)
            )  # fmt: skip


class PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another public http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        refuse_private(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def open_public(request, timeout):
    refuse_private(request.full_url)
    return urllib.request.build_opener(PublicRedirects).open(request, timeout=timeout)
