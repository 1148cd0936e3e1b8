"""The reader's address, as the outermost trusted proxy saw it.

Behind nginx or a load balancer every request arrives from the proxy's address; the flood
interval and the sign-in throttle would then treat all readers as one. `PROXY_COUNT` says how
many proxies of ours stand in front of the app: the address is taken that many hops from the
right of X-Forwarded-For (entries further left are written by the client and can be forged).

Written here rather than taken from django-ipware: its proxy count counts the proxies named in
the header, one fewer than stand before us; in its default strict mode a header the client
added entries to is thrown away and the proxy's own address returned, so those readers would
all share one address; and in the lenient mode an entry that is not an address is skipped and
the next one to its left, which the client wrote, is taken. Here the address is exactly the
entry that many hops from the right, or else REMOTE_ADDR.
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.NEWSROOM_PROXY_COUNT
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
