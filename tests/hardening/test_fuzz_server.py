"""Malformed requests sent as raw bytes to the running production server (granian), not
through Django's test client: what a hostile client can put on the wire, including what no
HTTP library would send. Never a 5xx, never a saved row."""

import contextlib
import json
import os
import socket
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.models import Comment
from scripts.servers import start_granian, stop
from tests.factories import ArticleFactory
from tests.hardening.live import database_url, free_port

pytestmark = pytest.mark.django_db(transaction=True)

HOST = b"Host: 127.0.0.1\r\n"
FIVE_MB = 5 * 1024 * 1024


@pytest.fixture
def server():
    article = ArticleFactory(slug="خبر")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    process = start_granian(port, env, workers=1, threads=2)
    yield port, article
    stop(process)


def send(port, raw, timeout=15):
    """The status code the server answered, or None if it closed without answering."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # The server may hang up before a huge request is all sent; its answer still counts.
        with contextlib.suppress(OSError):
            sock.sendall(raw)
        try:
            head = sock.recv(64)
        except OSError:
            return None
    if not head.startswith(b"HTTP/"):
        return None
    return int(head.split(b" ", 2)[1])


def request(method, target, headers=b"", body=b""):
    length = f"Content-Length: {len(body)}\r\n".encode() if body else b""
    return (
        method + b" " + target + b" HTTP/1.1\r\n" + HOST + headers + length
        + b"Connection: close\r\n\r\n" + body
    )  # fmt: skip


def csrf_headers(port):
    """A reader's CSRF cookie and token, so that bodies reach the form, past the CSRF check."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/comments/form-token/") as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        token = json.loads(response.read())["csrf"]
    return f"Cookie: {cookie}\r\nX-CSRFToken: {token}\r\n".encode()


def corpus(article_id, csrf):
    comment = f"/comments/post/{article_id}/".encode()
    form = csrf + b"Content-Type: application/x-www-form-urlencoded\r\n"
    multipart = csrf + b"Content-Type: multipart/form-data; boundary=zzz\r\n"
    return {
        "NUL in the path": request(b"GET", b"/articles/a\x00b/"),
        "NUL escaped in the query": request(b"GET", b"/search/?q=%00"),
        "invalid UTF-8 in the path": request(b"GET", b"/articles/\xff\xfe/"),
        "invalid UTF-8 escaped": request(b"GET", b"/sections/%c0%af/"),
        "invalid UTF-8 in the query": request(b"GET", b"/search/?q=\xff\xfe"),
        "bidi override in a slug": request(b"GET", b"/articles/%E2%80%AE%D8%AE%D8%A8%D8%B1/"),
        "tatweel and Arabic digits": request(b"GET", b"/tags/%D9%80%D9%80%D9%A1/"),
        "a 100 KB header": request(b"GET", b"/", b"X-Big: " + b"a" * 100_000 + b"\r\n"),
        "500 headers": request(b"GET", b"/", b"".join(b"X-H%d: v\r\n" % n for n in range(500))),
        "a 20 KB cookie": request(b"GET", b"/", b"Cookie: sessionid=" + b"x" * 20_000 + b"\r\n"),
        "an 8 KB path": request(b"GET", b"/" + b"a" * 8_000),
        "DELETE": request(b"DELETE", b"/"),
        "PUT a comment": request(b"PUT", comment, form, b"body=x"),
        "an unknown method": request(b"BREW", b"/"),
        "PROPFIND": request(b"PROPFIND", b"/"),
        "a 5 MB comment": request(b"POST", comment, form, b"body=" + b"a" * FIVE_MB),
        "broken multipart": request(b"POST", comment, multipart, b"--zzz\r\nContent-Disp"),
        "multipart without boundary": request(
            b"POST", comment, csrf + b"Content-Type: multipart/form-data\r\n", b"body=x"
        ),
        "a form of NULs and bidi controls": request(
            b"POST", comment, form, b"name=%00%E2%80%AE&email=a%00@b.c&body=%00%E2%80%AE%00"
        ),
        "a form in invalid UTF-8": request(b"POST", comment, form, b"name=\xff&body=\xfe\xff"),
        "a negative length": (
            b"POST " + comment + b" HTTP/1.1\r\n" + HOST + b"Content-Length: -5\r\n\r\nbody"
        ),
        "HTTP/0.9": b"GET /\r\n",
        "garbage": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,
        "no host": b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        "a foreign host": b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    }


def test_a_corpus_of_malformed_requests_gets_no_5xx_and_saves_nothing(server):
    port, article = server
    answers = {
        name: send(port, raw) for name, raw in corpus(article.pk, csrf_headers(port)).items()
    }
    failed = {name: status for name, status in answers.items() if status and status >= 500}
    assert failed == {}
    assert Comment.objects.count() == 0
    # The server still answers normally after all that.
    assert send(port, request(b"GET", urllib.parse.quote("/articles/خبر/").encode())) == 200
    # Most of the corpus was answered, not just dropped (a client error is an answer).
    assert sum(1 for status in answers.values() if status) >= len(answers) - 4, answers


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(target=st.binary(min_size=1, max_size=200), header=st.binary(max_size=200))
def test_random_bytes_in_the_request_line_and_headers_get_no_5xx(server, target, header):
    port, _article = server
    target = b"/" + target.replace(b" ", b"").replace(b"\r", b"").replace(b"\n", b"")
    header = b"X-Fuzz: " + header.replace(b"\r", b"").replace(b"\n", b"") + b"\r\n"
    status = send(port, request(b"GET", target, header))
    assert status is None or status < 500, (target, header, status)
