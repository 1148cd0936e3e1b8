"""Crawl the public site through Django's test client, as a search engine would.

Addresses are found in links of pages (<a>, <link>), in feeds and sitemaps (<loc>, <link>),
and in robots.txt; a few are derived the way readers and feed apps guess them (a section's or
a tag's feed, a year's archive from a month's). Every response is kept, headers included.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings

# Not public, or not pages: the admin, files, and the comment form's POST-only address.
SKIP = ("/admin/", "/static/", "/media/", "/comments/post/")
DERIVED = [
    (re.compile(r"^/(?:sections|tags)/[^/]+/$"), ["feed/", "feed/atom/"]),
    (re.compile(r"^(/archive/\d+/)\d+/$"), [""]),
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href:
            self.found.append(href)


def links_in(content_type, text):
    if "html" in content_type:
        parser = Links()
        parser.feed(text)
        return parser.found
    if "xml" in content_type:
        found = []
        for element in ET.fromstring(text.encode()).iter():
            name = element.tag.rsplit("}", 1)[-1]
            if name in ("loc", "link", "comments") and (element.text or "").strip():
                found.append(element.text.strip())
            if element.get("href"):
                found.append(element.get("href"))
        return found
    return re.findall(r"^Sitemap:\s*(\S+)", text, re.MULTILINE)


class Crawler:
    def __init__(self, client):
        self.client = client
        self.pages = {}  # "200 GET /address" -> (status, headers and body as one text)
        self.hosts = {"", "testserver", urlsplit(settings.NEWSROOM_SITE_URL).netloc}

    def fetch(self, url, status=200, method="get", **extra):
        """Request one address, check its status, keep its response; return the response."""
        response = getattr(self.client, method)(url, **extra)
        assert response.status_code == status, (url, response.status_code)
        headers = "\n".join(f"{name}: {value}" for name, value in response.items())
        self.pages[f"{status} {method.upper()} {url}"] = (status, headers + "\n\n" + response.text)
        return response

    def crawl(self, starts, limit=400):
        queue, seen = list(starts), set()
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            assert len(seen) < limit, f"more than {limit} addresses: the crawl is running away"
            seen.add(url)
            response = self.fetch(url)
            content_type = response.get("Content-Type", "")
            for href in links_in(content_type, response.text):
                queue.extend(self.local(urljoin(url, href)))

    def local(self, url):
        """The address as a path and query when it is on this site and public; with derivations."""
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in self.hosts:
            return []
        if parts.path.startswith(SKIP):
            return []
        found = [parts.path + ("?" + parts.query if parts.query else "")]
        for pattern, suffixes in DERIVED:
            match = pattern.match(parts.path)
            if match:
                base = match.group(1) if pattern.groups == 1 else parts.path
                found += [base + suffix for suffix in suffixes]
        return found
