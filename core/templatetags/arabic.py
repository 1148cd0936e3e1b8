"""Template filters every page uses: bidi isolation and the one date format."""

from django import template
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from hijridate import Gregorian

from core.html import split_after_blocks
from core.text import has_arabic, latin_runs

register = template.Library()


@register.filter
def isolate_latin(value):
    """Escape plain text and wrap its Latin runs in <bdi> when it is Arabic text."""
    value = str(value)
    if not has_arabic(value):
        return conditional_escape(value)
    parts = [
        format_html("<bdi>{}</bdi>", segment) if is_latin else conditional_escape(segment)
        for segment, is_latin in latin_runs(value)
    ]
    # Every part above was escaped or built by format_html.
    return mark_safe("".join(parts))  # noqa: S308


@register.filter
def arabic_date(value, with_time=False):
    """Format a date once for the whole site: Western digits, Arabic month names.

    With the site setting on, the Hijri (Umm al-Qura) date follows the Gregorian one.
    """
    if not value:
        return ""
    value = localtime(value)
    # As format_date(value, "j F Y، H:i") would write it, without parsing the format each
    # time: a page of comments dates every one of them.
    text = f"{value.day} {MONTHS[value.month]} {value.year}"
    if with_time:
        text += f"، {value:%H:%M}"
    if _show_hijri():
        text = f"{text} ({hijri_date(value)})"
    return text


def hijri_date(value):
    """The Umm al-Qura date of a Gregorian date, e.g. «18 جمادى الآخرة 1448 هـ»."""
    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:  # outside the Umm al-Qura tables (1343-1500 AH)
        return ""
    return "{} {} {} {}".format(hijri.day, hijri.month_name("ar"), hijri.year, hijri.notation("ar"))


# Whether the Hijri date is shown is a site setting, kept by the articles app with the site's
# other wording; it registers the question here (articles.apps), since core knows no app.
_hijri_switch = [lambda: False]


def show_hijri_when(switch):
    """Register `switch()`: whether dates carry the Hijri date too."""
    _hijri_switch[0] = switch


def _show_hijri():
    return _hijri_switch[0]()


@register.filter
def split_body(value, blocks):
    """Split a stored article body after `blocks` top-level blocks, for inline asides."""
    head, tail = split_after_blocks(value, int(blocks))
    # Bodies are cleaned by core.html.clean_html when saved; rendering does not clean again.
    return mark_safe(head), mark_safe(tail)  # noqa: S308
