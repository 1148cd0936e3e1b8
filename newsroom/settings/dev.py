"""The embedded default: SQLite, local-memory cache, debug on, no server to install."""

from .base import *

DEBUG = env.flag("DEBUG", True)
