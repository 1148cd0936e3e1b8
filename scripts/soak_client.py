"""HTTP as the soak's readers, commenters and editors send it: through our TLS proxy, as the
production server sees it (X-Forwarded-Proto and X-Forwarded-For), with cookies kept."""

import http.client
import re
import time
import urllib.parse

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    def __init__(self, port, ip):
        self.port = port
        self.ip = ip
        self.cookies = {}
        self.connection = None

    def get(self, path):
        # A kept-alive connection may have been closed by the server: one retry for a GET.
        for attempt in range(2):
            try:
                return self._send("GET", path, None, reuse=True)
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def post(self, path, fields):
        # Never retried, on a fresh connection: a POST sent twice could store a comment twice.
        self.close()
        try:
            return self._send("POST", path, urllib.parse.urlencode(fields), reuse=False)
        finally:
            self.close()

    def _send(self, method, path, body, *, reuse):
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.ip,
            "User-Agent": "newsroom-soak",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"], headers["Referer"] = origin, origin + "/"
        if self.connection is None or not reuse:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.monotonic()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in cookie.lower():
                self.cookies[name.strip()] = value
        return Response(response.status, response.headers, data, time.monotonic() - started)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def log_in(self, admin_path, username, password):
        login = f"/{admin_path}login/"
        token = CSRF_FIELD.search(self.get(login).text).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        response = self.post(login + "?next=/" + admin_path, fields)
        if response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"soak: could not sign in to the admin ({response.status})")

    def admin_action(self, changelist, action, object_id):
        fields = {
            "csrfmiddlewaretoken": self.cookies["csrftoken"],
            "action": action,
            "_selected_action": str(object_id),
            "index": "0",
            "select_across": "0",
        }
        response = self.post(changelist, fields)
        if response.status != 302:
            raise SystemExit(f"soak: admin action {action} answered {response.status}")


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")
