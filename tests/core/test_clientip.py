"""The reader's address behind our proxies: the one our outermost proxy saw, never a forged one."""

import pytest
from django.test import RequestFactory

from core.clientip import client_ip

PROXY = "10.0.0.2"


def address(forwarded=None, remote=PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_proxies_the_header_is_ignored(settings):
    settings.NEWSROOM_PROXY_COUNT = 0
    assert address("203.0.113.5", remote="198.51.100.7") == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        # Entries the client wrote itself stand to the left of what our proxy appended.
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "1.2.3.4 , 2001:db8::1", "2001:db8::1"),
        # A private address is a reader on a private network, not a reason to look elsewhere.
        (1, "192.168.1.5", "192.168.1.5"),
    ],
)
def test_the_address_is_taken_that_many_hops_from_the_right(settings, proxies, forwarded, expected):
    settings.NEWSROOM_PROXY_COUNT = proxies
    assert address(forwarded) == expected


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        (1, None),
        (1, ""),
        (2, "203.0.113.5"),  # shorter than our chain of proxies
        (1, "1.2.3.4, unknown"),  # never the client-written entry to its left
    ],
)
def test_anything_else_falls_back_to_the_connecting_address(settings, proxies, forwarded):
    settings.NEWSROOM_PROXY_COUNT = proxies
    assert address(forwarded) == PROXY
