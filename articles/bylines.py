"""The name an article is signed with in public pages, feeds and metadata."""


def public_byline(article):
    """Return the byline, else the author's name, or None; never an e-mail address."""
    if article.byline:
        return article.byline
    if article.author is None:
        return None
    name = article.author.get_full_name() or article.author.get_username()
    # Some accounts use their e-mail address as username; it must not reach readers or crawlers.
    return None if "@" in name else name
