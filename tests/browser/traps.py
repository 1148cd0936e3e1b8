"""The XSS suite's payloads, and a trap on a Chromium page that records whatever runs.

Shared by tests/browser/test_xss.py (readers', editors' and feeds' text created directly) and
tests/browser/test_xss_doors.py (the same payloads through the admin and the WordPress import).
"""

from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import DESKTOP

LOCAL = ("127.0.0.1", "localhost")
# A request to another host is recorded by the trap, and goes nowhere: it is sent to a proxy
# that does not exist (Chromium never proxies the loopback addresses). Intercepting requests
# with page.route would do the same but turns off the browser's cache, making every page
# fetch the stylesheets and fonts again: several times slower.
CONTEXT = {
    "viewport": DESKTOP,
    "locale": "ar",
    "proxy": {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"},
}

# The project's own cases, beside the OWASP cheat sheet's: entity-encoded schemes, SVG and
# MathML namespace confusion, data: URLs, srcdoc, bidi overrides, broken nesting, marked
# sections.
OWN = [
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">click</math>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "\u202e<b onmouseover=alert(1)>override</b>",
    "\u2067<i onclick=alert(1)>\u2069isolate",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<p <img src=x onerror=alert(1)>>broken",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    '</script><script>alert(1)</script>{"a":"',
    "javascript:alert(1)",
    # Marked sections: Python's html.parser (behind Django's strip_tags) raised AssertionError
    # on them and stopped a WordPress import; HTML5 parsers read them as bogus comments.
    '<![><img src="]>',
    '<![><img src="]><img src=x onerror=alert(1)>//">',
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
]

# Commenters' websites the model accepts (http and https only) that try to leave the href.
WEBSITES = [
    'https://x.example/"onmouseover="alert(1)',
    "https://x.example/'><script>alert(1)</script>",
    'http://x.example/?q="><svg/onload=alert(1)>',
]

# Run in the page after it loads. First every element gets the events that payloads wait for
# (a pointer over it, focus): an inline handler then runs, or the Content-Security-Policy
# refuses it with a console error. Synthetic events, so no link is followed. Then the DOM is
# searched for what an injection leaves even when nothing runs.
ACTIVE_CONTENT = """() => {
  const events = ["mouseover", "mouseenter", "mousemove", "pointerover", "focus", "focusin"];
  for (const el of document.querySelectorAll("*")) {
    for (const name of events) {
      el.dispatchEvent(new MouseEvent(name, {bubbles: name !== "mouseenter"}));
    }
  }
  const found = [];
  const urls = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
                        "background", "poster", "lowsrc", "dynsrc", "codebase", "values"]);
  const inline = new Set(["application/ld+json", "application/json", "importmap"]);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      const scheme = /^(javascript|vbscript|livescript|data):/.test(value)
        && !(tag === "img" && value.startsWith("data:image/"));
      if (name.startsWith("on") || name === "srcdoc" || (urls.has(name) && scheme)
          || (name === "style" && /expression\\(|javascript:/.test(value))) {
        found.push(`<${tag} ${name}="${attr.value.slice(0, 80)}">`);
      }
    }
    if (["iframe", "frame", "frameset", "object", "embed", "applet", "base"].includes(tag)) {
      found.push(`<${tag}>`);
    }
    if (tag === "meta" && /refresh|set-cookie/i.test(el.getAttribute("http-equiv") || "")) {
      found.push("<meta http-equiv>");
    }
    if (tag === "script") {
      const src = el.getAttribute("src");
      if (src ? new URL(src, location.href).origin !== location.origin
              : !inline.has(el.getAttribute("type") || "")) {
        found.push(`<script ${src || el.textContent.slice(0, 80)}>`);
      }
    }
  }
  return found;
}"""

# A payload's broken relative image address asks our own server for a missing file (404):
# harmless. Any other console error (a CSP refusal above all) means something got through.
MISSING_FILE = "Failed to load resource: the server responded with a status of 404"


def payloads(fixtures_dir):
    """Every OWASP line and our own cases as they are, then those with U+00A0 with spaces."""
    lines = (fixtures_dir / "xss" / "owasp-xss-filter-evasion.txt").read_text(encoding="utf-8")
    found = [line for line in lines.splitlines() if line.strip()] + OWN
    return found + [line.replace("\u00a0", " ") for line in found if "\u00a0" in line]


class Trap:
    """A Chromium page that opens address after address and keeps what should not happen:
    a dialog, a console or page error, a request to another host, active content in the DOM.
    """

    def __init__(self, context, base_url):
        self.page, self.base_url = context.new_page(), base_url
        self.current, self.problems = None, []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self._report("page error", str(error)))
        self.page.on("console", self._console)
        self.page.on("request", self._request)

    def open(self, path):
        self.current = path
        try:
            self.page.goto(self.base_url + path)
            found = self.page.evaluate(ACTIVE_CONTENT)
        except PlaywrightError as error:  # the page went elsewhere by itself: a meta refresh
            found = [f"left for {self.page.url}: {error.message.splitlines()[0]}"]
        for item in found:
            self._report("active content", item)

    def report(self, shown=40):
        """The problems one a line, for an assertion's message."""
        lines = [f"{path}: {kind}: {detail[:200]}" for path, kind, detail in self.problems]
        hidden = len(lines) - shown
        return "\n".join(lines[:shown] + ([f"… and {hidden} more"] if hidden > 0 else []))

    def _report(self, kind, detail):
        self.problems.append((self.current, kind, detail))

    def _dialog(self, dialog):
        self._report("dialog", dialog.message)
        dialog.dismiss()

    def _console(self, message):
        if message.type == "error" and not message.text.startswith(MISSING_FILE):
            self._report("console error", message.text)

    def _request(self, request):
        if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and (
            urlsplit(request.url).hostname not in LOCAL
        ):
            self._report("request to another host", request.url)


def trapped_pages(browser, base_url):
    """For a fixture: yield a maker of trapped pages, each in a browser context of its own
    unless given one, and close those contexts afterwards."""
    contexts = []

    def make(context=None):
        if context is None:
            context = browser.new_context(**CONTEXT)
            contexts.append(context)
        return Trap(context, base_url)

    yield make
    for context in contexts:
        context.close()
