"""Who a story is by: the name it is signed with in public pages, feeds and metadata."""


def display_name(user):
    """The name a person goes by: first and last name, else the username (as WordPress does)."""
    return user.get_full_name() or user.get_username()


def public_byline(article):
    """Return the byline, else the author's name, or None; never an e-mail address."""
    if article.byline:
        return article.byline
    if article.author is None:
        return None
    name = display_name(article.author)
    # Some accounts use their e-mail address as username; it must not reach readers or crawlers.
    return None if "@" in name else name
