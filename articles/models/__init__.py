"""The articles app's models, one module a subject; imported here for Django and callers."""

from .article import BODY_MAX_LENGTH, Article, Attachment, SlugRedirect
from .autosave import Autosave
from .events import ArticleEvent
from .site import RecommendedStory, SiteSettings
from .sources import Source, SourceFeed
from .taxonomy import Category, Tag

__all__ = [
    "BODY_MAX_LENGTH",
    "Article",
    "ArticleEvent",
    "Attachment",
    "Autosave",
    "Category",
    "RecommendedStory",
    "SiteSettings",
    "SlugRedirect",
    "Source",
    "SourceFeed",
    "Tag",
]
