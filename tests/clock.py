"""The moment at which the `clock` fixture (tests/conftest.py) stops time."""

from datetime import UTC, datetime

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # whole seconds: signed timestamps keep no more
