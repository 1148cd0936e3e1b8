"""What tests that start real server or worker processes share: the test database's URL."""

from django.db import connection


def database_url():
    """The outer test run's database, for a subprocess (a file for SQLite, see settings.test)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"
