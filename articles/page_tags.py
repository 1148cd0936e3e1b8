"""The cache tags of what reader pages show of articles (core.cachetags), named once.

Reads tag the pages they feed (articles.selectors, the context processor); saves invalidate
the tags of what they changed (articles.signals). A tag is a short string: it travels in
every page's `xkey` header.
"""

HOME = "home"  # the home page's lists
ARCHIVE = "archive"  # every list of all articles by date: archives, search results
FEEDS = "feeds"
SITEMAPS = "sitemaps"
SETTINGS = "settings"  # the site's name and wording, on every page
MENU = "menu"  # the sections' menu, on every page


def article(pk):
    return f"a:{pk}"


def section(pk):
    return f"s:{pk}"


def tag(pk):
    return f"t:{pk}"


def author(pk):
    return f"u:{pk}"


def shown(articles):
    """The tags of articles shown as cards or links: their page changes when they do."""
    return [article(item.pk) for item in articles]


def lists_of(category_id, author_id, tag_ids):
    """Every list a public article appears in (its own page aside)."""
    return [
        HOME,
        ARCHIVE,
        FEEDS,
        SITEMAPS,
        section(category_id),
        *([author(author_id)] if author_id else []),
        *(tag(pk) for pk in tag_ids),
    ]
