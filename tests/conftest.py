import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The workplace's shared folder sits beside the checkout; NEWSROOM_SHARED names it elsewhere.
SHARED = Path(os.environ.get("NEWSROOM_SHARED") or ROOT.parent / "shared")
FIXTURES = SHARED / "fixtures"
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "var" / "artifacts"))


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
