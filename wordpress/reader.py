"""Read a WordPress export (WXR 1.0, 1.1, 1.2) as a stream of plain records (wordpress.records).

The file is read with iterparse and each finished record is dropped from the tree, so an
export of any size is read in constant memory. Values stay strings (slugs percent-decoded);
turning them into rows, and deciding what a bad value means, is the importer's job.
"""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import unquote

from django.utils import timezone
from django.utils.translation import gettext as _

from .records import Author, Comment, Item, Site, Term

# The namespaces WordPress has used; the document says which one it uses (http or https).
WP_URI = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_URI = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
CONTENT_URI = "http://purl.org/rss/1.0/modules/content/"
DC_URI = "http://purl.org/dc/elements/1.1/"
ZERO_DATE = "0000-00-00 00:00:00"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_WORDPRESS_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)


class WXRError(Exception):
    """The file is not well-formed XML, or not a WordPress export."""


def read_wxr(source):
    """Yield the Site, then Author, Term and Item records in document order."""
    reader = _Reader()
    try:
        yield from reader.read(source)
    except ET.ParseError as error:
        raise WXRError(_("not well-formed XML ({error})").format(error=error)) from error


class _Reader:
    def __init__(self):
        self.prefixes = {}
        self.tags = {}
        self.site = Site()
        self.site_sent = False

    def read(self, source):
        depth, channel = 0, None
        # Expat refuses entity bombs (amplification limit) and ElementTree never loads external
        # entities, which is what defusedxml would add for this use.
        events = ET.iterparse(source, events=("start-ns", "start", "end"))  # noqa: S314
        for event, payload in events:
            if event == "start-ns":
                self.prefixes[payload[0]] = payload[1]
                self.tags = {}
            elif event == "start":
                depth += 1
                if depth == 1 and payload.tag != "rss":
                    raise WXRError(_("not a WordPress export (WXR) file"))
                if depth == 2 and payload.tag == "channel":
                    channel = payload
            else:
                if depth == 3 and channel is not None:
                    yield from self.record(payload)
                    del channel[:]  # done with it: keeps memory flat whatever the file's size
                depth -= 1
        if not self.site_sent:
            self.names()  # a document without any record still has to be a WXR one
            yield self.site

    def names(self):
        """Return qualified tag names, from the namespace URIs this document declares."""
        if not self.tags:
            wp = self.uri("wp", WP_URI.match)
            if wp is None:
                raise WXRError(_("not a WordPress export (WXR) file"))
            excerpt = self.uri("excerpt", EXCERPT_URI.match) or wp + "excerpt/"
            content = self.uri("content", lambda uri: uri == CONTENT_URI) or CONTENT_URI
            dc = self.uri("dc", lambda uri: uri == DC_URI) or DC_URI
            self.tags = {"wp": f"{{{wp}}}", "excerpt": f"{{{excerpt}}}"}
            self.tags |= {"content": f"{{{content}}}", "dc": f"{{{dc}}}"}
        return self.tags

    def uri(self, prefix, matches):
        """Return the URI declared for `prefix`, else any declared URI that looks right."""
        if prefix in self.prefixes:
            return self.prefixes[prefix]
        return next((uri for uri in self.prefixes.values() if matches(uri)), None)

    def record(self, element):
        wp = self.names()["wp"]
        name = element.tag[len(wp) :] if element.tag.startswith(wp) else element.tag
        if name in SITE_FIELDS:
            setattr(self.site, SITE_FIELDS[name], text(element))
            return
        parse = RECORDS.get(name) if name == "item" or element.tag.startswith(wp) else None
        if parse is None:
            return
        if not self.site_sent:
            self.site_sent = True
            yield self.site
        record = parse(element, self.tags)
        if record is not None:
            yield record


# Channel children that describe the site (title and link are RSS's own, without a prefix).
SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "base_site_url": "base_site_url",
    "base_blog_url": "base_blog_url",
    "wxr_version": "wxr_version",
}


def text(element):
    return (element.text or "").strip() if element is not None else ""


def child_texts(element, prefix):
    """Return {local name: text} of the children in one namespace."""
    return {
        child.tag[len(prefix) :]: text(child)
        for child in element
        if child.tag.startswith(prefix) and len(child) == 0
    }


def parse_author(element, tags):
    values = child_texts(element, tags["wp"])
    return Author(
        login=values.get("author_login", ""),
        email=values.get("author_email", ""),
        display_name=values.get("author_display_name", ""),
        first_name=values.get("author_first_name", ""),
        last_name=values.get("author_last_name", ""),
        id=values.get("author_id", ""),
    )


def parse_category(element, tags):
    values = child_texts(element, tags["wp"])
    return Term(
        "category",
        slug=unquote(values.get("category_nicename", "")),
        name=values.get("cat_name", ""),
        parent=unquote(values.get("category_parent", "")),
    )


def parse_tag(element, tags):
    values = child_texts(element, tags["wp"])
    return Term(
        "post_tag", slug=unquote(values.get("tag_slug", "")), name=values.get("tag_name", "")
    )


def parse_term(element, tags):
    """Read a wp:term of WXR 1.2; only categories and tags matter (not menus or formats)."""
    values = child_texts(element, tags["wp"])
    if values.get("term_taxonomy") not in ("category", "post_tag"):
        return None
    return Term(
        values["term_taxonomy"],
        slug=unquote(values.get("term_slug", "")),
        name=values.get("term_name", ""),
        parent=unquote(values.get("term_parent", "")),
    )


ITEM_FIELDS = {
    "post_id": "post_id",
    "post_type": "post_type",
    "status": "status",
    "post_name": "slug",
    "post_date": "date",
    "post_date_gmt": "date_gmt",
    "comment_status": "comment_status",
    "post_password": "password",
    "is_sticky": "sticky",
    "post_parent": "parent_id",
    "attachment_url": "attachment_url",
}
COMMENT_FIELDS = {
    "comment_id": "id",
    "comment_parent": "parent_id",
    "comment_author": "author",
    "comment_author_email": "email",
    "comment_author_url": "url",
    "comment_author_IP": "ip",
    "comment_date": "date",
    "comment_date_gmt": "date_gmt",
    "comment_content": "content",
    "comment_approved": "approved",
    "comment_type": "type",
    "comment_user_id": "user_id",
}


def parse_item(element, tags):
    wp = tags["wp"]
    item = Item()
    plain = {
        "title": "title",
        "link": "link",
        tags["dc"] + "creator": "creator",
        tags["content"] + "encoded": "content",
        tags["excerpt"] + "encoded": "excerpt",
    }
    bare_categories = []
    for child in element:
        tag = child.tag
        if tag in plain:
            setattr(item, plain[tag], text(child))
        elif tag == "category":
            add_term(item, child, bare_categories)
        elif tag == wp + "comment":
            item.comments.append(parse_comment(child, wp))
        elif tag == wp + "postmeta":
            values = child_texts(child, wp)
            item.meta.append((values.get("meta_key", ""), values.get("meta_value", "")))
        elif tag.startswith(wp) and tag[len(wp) :] in ITEM_FIELDS:
            setattr(item, ITEM_FIELDS[tag[len(wp) :]], text(child))
    item.slug = unquote(item.slug)
    if not item.categories:
        item.categories = bare_categories  # very old exports name categories only
    return item


def add_term(item, element, bare_categories):
    """Sort an item's <category> by its domain; WXR 1.0 says "tag" where later ones say post_tag."""
    domain = element.get("domain")
    pair = (unquote(element.get("nicename", "")), text(element))
    if domain == "category":
        item.categories.append(pair)
    elif domain in ("post_tag", "tag") and (pair[0] or pair not in item.tags):
        item.tags.append(pair)
    elif domain is None:
        bare_categories.append(pair)


def parse_comment(element, wp):
    values = child_texts(element, wp)
    return Comment(**{COMMENT_FIELDS[name]: values.get(name, "") for name in COMMENT_FIELDS})


RECORDS = {
    "author": parse_author,
    "category": parse_category,
    "tag": parse_tag,
    "term": parse_term,
    "item": parse_item,
}


def parse_date(gmt, local, tz=None):
    """Return the aware time of a WordPress date pair: GMT when set, else local time in `tz`."""
    # None when neither is set (a draft never scheduled); ValueError when one is malformed.
    if gmt and gmt != ZERO_DATE:
        return wordpress_time(gmt).replace(tzinfo=UTC)
    if local and local != ZERO_DATE:
        return timezone.make_aware(wordpress_time(local), tz or timezone.get_current_timezone())
    return None


def wordpress_time(value):
    """Return the naive datetime strptime(value, DATE_FORMAT) reads, or raise its ValueError."""
    # An import reads six dates a post: the form WordPress writes goes to fromisoformat, twenty
    # times faster; anything else (unpadded, malformed) to strptime, which decides.
    if _WORDPRESS_TIME.fullmatch(value):
        return datetime.fromisoformat(value)
    return datetime.strptime(value, DATE_FORMAT)


# Block-level tags: WordPress starts a new paragraph before and after them (wpautop).
_BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|script|object|embed"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCKS})[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCKS})>)", re.IGNORECASE)
_STARTS_WITH_BLOCK = re.compile(rf"^(?:<!--|</?(?:{_BLOCKS})[\s/>])", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_CAPTION_IMAGE = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL
)
_CAPTION_ATTRIBUTE = re.compile(r"""caption=(["'])(.*?)\1""", re.DOTALL)


def autop(value):
    """Turn WordPress's stored text (paragraphs split by blank lines) into <p> blocks."""
    # What WordPress does when it displays a post (wpautop), done once on the way in; content
    # of the block editor already has its markup and is left as it is, as WordPress does.
    if "<!-- wp:" in value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _PRE.sub(lambda match: match.group().replace("\n", "<br>"), captions(value))
    value = _BLOCK_CLOSE.sub(r"\1\n\n", _BLOCK_OPEN.sub(r"\n\n\1", value))
    blocks = []
    for chunk in _BLANK_LINES.split(value):
        chunk = chunk.strip()
        if chunk and _STARTS_WITH_BLOCK.match(chunk):
            blocks.append(chunk)
        elif chunk:
            blocks.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(blocks)


def captions(value):
    """Turn [caption] shortcodes around an image into <figure> with <figcaption>."""

    def figure(match):
        attributes, inner = match.groups()
        parts = _CAPTION_IMAGE.match(inner)
        if parts is None:
            return inner
        image, caption = parts.group(1), parts.group(2).strip()
        named = _CAPTION_ATTRIBUTE.search(attributes)
        caption = caption or (named.group(2) if named else "")
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"<figure>{image}{figcaption}</figure>"

    return _CAPTION.sub(figure, value)


def count_items(path):
    """Count a file's items roughly, by a fast scan (for a progress bar)."""
    count, tail = 0, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += (tail + chunk).count(b"<item>")
            tail = chunk[-5:]
    return count
