"""RSS documents as a news source would send them, built from a few fields per item."""

import textwrap


def feed(*items, channel="قناة"):
    """An RSS 2.0 document with one <item> per dict of tag -> text (the text is not escaped)."""
    body = "".join(
        "<item>" + "".join(f"<{tag}>{value}</{tag}>" for tag, value in item.items()) + "</item>"
        for item in items
    )
    return textwrap.dedent(f"""<?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{channel}</title>{body}</channel></rss>""").encode()
