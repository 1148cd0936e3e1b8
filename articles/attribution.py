"""Attribution wording: editor-written text with {site}, {section}, {title} and {source}.

A story with a source says so in one of two ways. One the feed importer copied automatically
says it was «تم اقتباسه آليًا» and that its source answers for it; one an editor wrote says
whom it cites («نقلاً عن…»). The site's settings hold a lead-in and a disclaimer for each.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.text import single_line

IMPORTED, CITED = "imported", "cited"
# The feed importer's mark on what it made (articles.ingest.external_id).
IMPORTED_PREFIX = "feed:"

PLACEHOLDERS = ("site", "section", "title", "source")
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

# The reference page's wording, with our placeholders in place of its names.
DEFAULT_LEAD_IN = "{site} – متابعات {section}. نترككم مع خبر «{title}»"
DEFAULT_DISCLAIMER = (
    "نشكركم على قراءة خبر «{title}» من {site}، ونود التنويه بأن الخبر تم اقتباسه آليًا "
    "من مصدره الأساسي، والمصدر الأساسي هو المعني بصحة الخبر وما يتضمنه."
)
DEFAULT_CITED_LEAD_IN = "{site} – متابعات {section}، نقلاً عن {source}"
DEFAULT_CITED_DISCLAIMER = (
    "نشكركم على قراءة خبر «{title}» من {site}. أعدّ فريق التحرير هذا الخبر نقلاً عن {source}."
)
IMPORTED_HELP = _(
    "For stories the feed importer copied from their source. Plain text: {site}, {section}, "
    "{title} and {source} are replaced by their values."
)
CITED_HELP = _(
    "For stories an editor wrote citing a source. Plain text: {site}, {section}, {title} "
    "and {source} are replaced by their values."
)

# What counts as a stray space in the wording: before a closing mark, after an opening one.
_SPACE_BEFORE = re.compile(r"\s+(?=[.,،؛:؟!»)])")
_SPACE_AFTER = re.compile(r"(?<=[«(])\s+")


def kind(article):
    """Whether the story was copied by the feed importer (IMPORTED) or written (CITED)."""
    return IMPORTED if article.external_id.startswith(IMPORTED_PREFIX) else CITED


def validate_template(value):
    unknown = sorted({name for name in _PLACEHOLDER.findall(value) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use {site}, {section}, {title} or {source}."),
            params={"names": ", ".join("{" + name + "}" for name in unknown)},
            code="unknown_placeholder",
        )


def render(template, values):
    """Escape the wording and put each value in, isolated with <bdi> (it may be any script).

    Runs of spaces become one, and none is left before a full stop, a comma or a closing
    quotation mark, nor after an opening one: the wording reads as typeset whatever was typed.
    """

    def replace(match):
        name = match.group(1)
        if name not in values:
            return conditional_escape(match.group())
        return format_html("<bdi>{}</bdi>", single_line(str(values[name])))

    parts, position = [], 0
    template = tidy(template)
    for match in _PLACEHOLDER.finditer(template):
        parts.append(conditional_escape(template[position : match.start()]))
        parts.append(replace(match))
        position = match.end()
    parts.append(conditional_escape(template[position:]))
    # Every part is escaped text or format_html output.
    return mark_safe("".join(parts))  # noqa: S308


def tidy(text):
    """The wording with single spaces, and none inside quotation marks or before punctuation."""
    text = single_line(text)
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))
