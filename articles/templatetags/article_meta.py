"""Sharing metadata of an article page: OpenGraph, Twitter card and JSON-LD values."""

import json
import re
from html import unescape
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime

from articles.bylines import public_byline
from articles.models import SiteSettings
from core.html import plain_text, split_after_blocks
from core.text import single_line

register = template.Library()

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 200
# The body is clean HTML (bleach writes attributes with double quotes), so a pattern suffices.
_FIRST_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"', re.IGNORECASE)
# As django.utils.html.json_script: "</script>" or "<!--" inside a value cannot end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _description(article):
    # The first blocks are enough for 200 characters; stripping the tags of a long body is not
    # cheap, and every uncached article page does it.
    text = article.excerpt or plain_text(split_after_blocks(article.body, 4)[0])
    # Truncator weighs every character of what it is given (diacritics count for nothing):
    # four times the length leaves room for them and spares it a long first paragraph.
    return Truncator(single_line(text)[: DESCRIPTION_LENGTH * 4]).chars(DESCRIPTION_LENGTH)


def _image_url(request, article):
    """The featured image's social rendition, else the body's first image, absolute; or ""."""
    if article.image:
        return request.build_absolute_uri(article.social_image_url)
    match = _FIRST_IMAGE.search(article.body)
    if not match:
        return ""
    src = unescape(match.group(1))
    if urlsplit(src).scheme not in ("", "http", "https"):
        return ""
    return request.build_absolute_uri(src)


def _iso(value):
    return localtime(value).isoformat(timespec="seconds")


def json_ld_script(data):
    """Return a <script type="application/ld+json"> element holding data."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Every "<", ">" and "&" in the JSON is escaped above, so the element cannot be closed early.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def news_article(article, *, url, description, image, site_name):
    """The schema.org NewsArticle of an article page."""
    author = public_byline(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.updated_at),
        "author": (
            {"@type": "Person", "name": author}
            if author
            else {"@type": "Organization", "name": site_name}
        ),
        "publisher": {"@type": "Organization", "name": site_name},
        "articleSection": article.category.name,
        "inLanguage": "ar",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if image:
        data["image"] = [image]
    if article.original_url:
        data["isBasedOn"] = article.original_url
    return data


@register.simple_tag(takes_context=True)
def article_meta(context, article):
    """Return the values templates/articles/includes/_meta.html prints."""
    request = context["request"]
    url = request.build_absolute_uri(article.get_absolute_url())
    description = _description(article)
    image = _image_url(request, article)
    site_name = SiteSettings.current().site_name
    ld = news_article(article, url=url, description=description, image=image, site_name=site_name)
    return {
        "url": url,
        "description": description,
        "image": image,
        "site_name": site_name,
        "published": _iso(article.published_at),
        "modified": _iso(article.updated_at),
        "json_ld": json_ld_script(ld),
    }
