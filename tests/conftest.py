import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.clock import NOW

ROOT = Path(__file__).resolve().parent.parent
# The workplace's shared folder sits beside the checkout; NEWSROOM_SHARED names it elsewhere.
SHARED = Path(os.environ.get("NEWSROOM_SHARED") or ROOT.parent / "shared")
FIXTURES = SHARED / "fixtures"
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "var" / "artifacts"))
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def require(available, what):
    """Skip when a real service is missing on a developer's machine; under CI, fail loudly."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required under CI but is not available")
    pytest.skip(f"{what} is not available")


@pytest.fixture
def fixtures_dir():
    require(FIXTURES.is_dir(), f"the shared fixtures folder ({FIXTURES})")
    return FIXTURES


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached settings and menus must not leak from one test's database into the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.com", "pw", is_staff=True, is_superuser=True
    )


@pytest.fixture
def clock():
    """Time stands still at tests.clock.NOW until the test moves it (shift, move_to)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def redis_url():
    """The address of a real Redis; see require() for when there is none."""
    address = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            reachable = True
    except OSError:
        reachable = False
    require(reachable, f"Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def wsgi_app(db):
    """The site as production serves it (newsroom/wsgi.py): the page cache in front of Django."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    from articles.models import SiteSettings
    from comments.models import DiscussionSettings
    from core.pagecache import PageCache

    # Settings rows are made on first use, which (rightly) bumps the generation: make them now.
    SiteSettings.current()
    DiscussionSettings.current()
    # As Django's test client does: the test's transaction must survive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield PageCache(WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
