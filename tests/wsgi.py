"""Requests sent to a WSGI application as a server would send them, without a server."""

from urllib.parse import unquote_to_bytes, urlsplit
from wsgiref.util import setup_testing_defaults


def get(app, url, cookies="", **headers):
    """GET `url` from `app`; return the status line, the headers and the decoded body."""
    parts = urlsplit(url)
    environ = {}
    setup_testing_defaults(environ)
    environ.update(
        REQUEST_METHOD="GET",
        PATH_INFO=unquote_to_bytes(parts.path).decode("latin-1"),
        QUERY_STRING=parts.query,
        HTTP_HOST="testserver",
        SERVER_NAME="testserver",
        HTTP_COOKIE=cookies,
        **headers,
    )
    result = {}

    def start_response(status, response_headers, exc_info=None):
        result["status"], result["headers"] = status, dict(response_headers)

    body = b"".join(app(environ, start_response)).decode()
    return result["status"], result["headers"], body
