"""Clean HTML that editors, feeds and imports send in; done once, when it is saved."""

import re
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter, HTMLTokenizer, constants
from django.utils.html import escape

from core.text import has_arabic, latin_runs, strip_controls

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "strong", "em",
        "b", "i", "figure", "figcaption", "img", "bdi",
    }
)  # fmt: skip


def _image_attribute(tag, name, value):
    # Images come from this site only (uploads under /media/): an image on another host would
    # be fetched by every reader's browser from there, which the pages' CSP refuses anyway.
    if name == "src":
        address = urlsplit(value.strip())
        return not address.scheme and not address.netloc
    return name in ("alt", "width", "height")


ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "img": _image_attribute,
    "bdi": ["dir"],
}
# bleach checks these schemes on href and src alike; relative URLs stay allowed.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# bleach strips a forbidden tag but keeps its text; these tags' text is code or chrome, never
# prose, so it goes with them. Security does not rest on this pattern: bleach runs after it.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|template|noscript|textarea|select)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
# The page's own <h1> is the title, and h5/h6 are too small to read as headings: map pasted
# headings into the h2-h4 range the body allows instead of flattening them to text.
_HEADING_MAP = {"1": "2", "5": "4", "6": "4"}
_OUT_OF_RANGE_HEADING = re.compile(r"<(/?)h([156])\b", re.IGNORECASE)
_BLOCK_END = re.compile(r"<(/?)(p|h[2-4]|blockquote|ul|ol|figure)\b[^>]*>", re.IGNORECASE)


class IsolateLatinRuns(Filter):
    """Wrap Latin runs in Arabic paragraphs in <bdi>, so brackets stay where the writer put them."""

    def __iter__(self):
        inside_bdi = 0
        for token in super().__iter__():
            kind = token["type"]
            if kind == "StartTag" and token["name"] == "bdi":
                inside_bdi += 1
            elif kind == "EndTag" and token["name"] == "bdi":
                inside_bdi -= 1
            if kind != "Characters" or inside_bdi or not has_arabic(token["data"]):
                yield token
                continue
            for segment, is_latin in latin_runs(token["data"]):
                if is_latin:
                    yield {"type": "StartTag", "name": "bdi", "data": {}}
                    yield {"type": "Characters", "data": segment}
                    yield {"type": "EndTag", "name": "bdi"}
                else:
                    yield {"type": "Characters", "data": segment}


def _cleaner(tags):
    return bleach.Cleaner(
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[IsolateLatinRuns],
    )


_CLEANERS = {
    True: _cleaner(ALLOWED_TAGS),
    # Feeds' images live on the source's servers: a reader's browser would fetch them from
    # there (hotlinking, and a request to a foreign host), so imported items keep none.
    False: _cleaner(ALLOWED_TAGS - {"img", "figure", "figcaption"}),
}


def clean_html(value, *, images=True):
    """Return safe HTML: allowlisted tags and attributes, no controls, Latin runs isolated."""
    value = _DROP_WITH_CONTENT.sub("", strip_controls(value or ""))
    value = _OUT_OF_RANGE_HEADING.sub(lambda m: f"<{m[1]}h{_HEADING_MAP[m[2]]}", value)
    # Clean until nothing changes: on some broken markup one pass of the parser leaves HTML
    # that a second pass would still rewrite, and what is stored must be stable.
    for _pass in range(3):
        cleaned = _CLEANERS[images].clean(value).strip()
        if cleaned == value:
            break
        value = cleaned
    return value


# Each becomes a line break, so the words of two blocks never join: the blocks of clean bodies
# (ALLOWED_TAGS), whose plain text is as it always was, and those only raw markup has.
_LINE_ENDS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "div", "pre",
     "tr", "td", "th", "dt", "dd"}
)  # fmt: skip
_TOKEN = constants.tokenTypes
_TEXT_TOKENS = frozenset({_TOKEN["Characters"], _TOKEN["SpaceCharacters"]})
_START_TAGS = frozenset({_TOKEN["StartTag"], _TOKEN["EmptyTag"]})
_END_TAG = _TOKEN["EndTag"]
# The tokenizer changes only markup, entities, CR and NUL: text without them (most titles and
# comments) is its own plain text, and skips it.
_NEEDS_TOKENIZER = re.compile(r"[<&\r\x00]")


def plain_text(value):
    """Return the text of HTML, one line a block, so words of two paragraphs never join."""
    value = value or ""
    if not _NEEDS_TOKENIZER.search(value):
        return value
    # html5lib's tokenizer, as browsers read markup: it never fails, where html.parser (and so
    # strip_tags) raises on markup such as '<![><img src="]>' that hostile imports carry.
    parts = []
    for token in HTMLTokenizer(value):
        kind = token["type"]
        if kind in _TEXT_TOKENS:
            parts.append(token["data"])
        elif (kind == _END_TAG and token["name"] in _LINE_ENDS) or (
            kind in _START_TAGS and token["name"] == "br"
        ):
            parts.append("\n")
    return "".join(parts)


def split_after_blocks(value, count):
    """Split clean HTML after its `count`-th top-level block, for content placed inside a body."""
    depth = 0
    seen = 0
    for match in _BLOCK_END.finditer(value):
        closing = match.group(1) == "/"
        depth += -1 if closing else 1
        if closing and depth == 0:
            seen += 1
            if seen == count:
                return value[: match.end()], value[match.end() :]
    return value, ""


def _nofollow_ugc(attrs, new=False):
    attrs[(None, "rel")] = "nofollow ugc noopener"
    return attrs


_MAYBE_LINK = re.compile(r"https?:|www\.|\.[a-z]{2,}", re.IGNORECASE)
_linker = bleach.Linker(callbacks=[_nofollow_ugc], parse_email=False)


def plain_text_to_html(value):
    """Turn a reader's plain text into safe HTML: escaped, links clickable, line breaks kept."""
    escaped = escape(strip_controls(value or ""))
    if _MAYBE_LINK.search(escaped):  # most comments have no link: skip the HTML parser
        escaped = _linker.linkify(escaped)
    return escaped.replace("\n", "<br>\n")
