"""Attribution wording: editor-written text with {site}, {section} and {title} placeholders."""

import re

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = ("site", "section", "title")
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

# The reference page's wording, with our placeholders in place of its names.
DEFAULT_LEAD_IN = "{site}- متابعات {section} . نترككم مع خبر “{title}”"
DEFAULT_DISCLAIMER = (
    "نشكركم على قراءة خبر “{title}” من {site} ونود التنويه بأن الخبر تم اقتباسه آليًا "
    "من مصدره الأساسي والمصدر الأساسي هو المعني بصحة الخبر وما يتضمنه."
)
HELP_TEXT = _("Plain text. {site}, {section} and {title} are replaced by their values.")


def validate_template(value):
    unknown = sorted({name for name in _PLACEHOLDER.findall(value) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use {site}, {section} or {title}."),
            params={"names": ", ".join("{" + name + "}" for name in unknown)},
            code="unknown_placeholder",
        )


def render(template, values):
    """Escape the wording and put each value in, isolated with <bdi> (it may be any script)."""

    def replace(match):
        name = match.group(1)
        if name not in values:
            return conditional_escape(match.group())
        return format_html("<bdi>{}</bdi>", values[name])

    parts, position = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(conditional_escape(template[position : match.start()]))
        parts.append(replace(match))
        position = match.end()
    parts.append(conditional_escape(template[position:]))
    # Every part is escaped text or format_html output.
    return mark_safe("".join(parts))  # noqa: S308
