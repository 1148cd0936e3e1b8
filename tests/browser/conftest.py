"""Real Chromium (Debian's package) driven by Playwright; no browser is downloaded."""

import os
import time
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API keeps an event loop running in this thread for the whole session;
# Django's ORM refuses to run beside one unless told that the tests own the thread. Only
# this test process is told: subprocesses that check production settings drop it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="ar")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A Content-Security-Policy refusal shows as a console error: none is expected.
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.errors = errors
    yield page
    context.close()


def wait_until(page, expression, timeout=5.0):
    """Poll a JavaScript expression; Playwright's wait_for_function needs eval, which our
    Content-Security-Policy forbids (as it should)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


LOAD_FAILED = "Failed to load resource"  # Chromium's console line for a failed request


@pytest.fixture
def signed_in(browser, live_server):
    """open(user): Chromium signed in as `user` in a session of its own, with traps.

    Script errors, CSP refusals and failed requests land in `page.errors` (the admin names no
    favicon: that 404 is expected; `answers` lists statuses that are answers, not failures);
    dialogs land in `page.dialogs` when a test listens for them.
    """
    from django.test import Client

    opened = []

    def open_page(user, viewport=DESKTOP, answers=(), **options):
        client = Client()  # one each: signing in another user would end the first's session
        client.force_login(user)
        context = browser.new_context(viewport=viewport, locale="ar", **options)
        cookie = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.errors, page.dialogs = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and not m.text.startswith(LOAD_FAILED)
                and page.errors.append(m.text))  # fmt: skip
        page.on("response", lambda r: r.status >= 400 and r.status not in answers
                and not r.url.endswith("/favicon.ico") and page.errors.append(f"{r.status} {r.url}"))  # fmt: skip
        opened.append(context)
        return page

    yield open_page
    for context in opened:
        context.close()
