"""A WordPress export (WXR 1.1, as ../shared/fixtures/wxr/small-export.xml) carrying payloads.

Every payload is in a post's title, body and excerpt (packed as tests/browser/packing.py
explains), is the name of a tag, and is the name and text of an approved comment that also has
a hostile website. The author's display name and the sections' names are payloads too. Values
go in CDATA, as WordPress writes them.
"""

import re
from datetime import datetime, timedelta

from core.html import clean_html
from tests.browser.packing import grouped, packed
from tests.browser.traps import WEBSITES as HOSTILE_WEBSITES
from wordpress.reader import autop

# XML 1.0 cannot carry these at all, not even as character references: no export holds them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Websites: the import keeps http(s) ones only, which try to leave the href attribute.
WEBSITES = [
    *HOSTILE_WEBSITES,
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.1/"
>
<channel>
	<title>hostile</title>
	<link>http://hostile.example/</link>
	<wp:wxr_version>1.1</wp:wxr_version>
	<wp:base_site_url>http://hostile.example/</wp:base_site_url>
	<wp:base_blog_url>http://hostile.example/</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login>hostile</wp:author_login><wp:author_email>hostile@example.org</wp:author_email><wp:author_display_name>{author}</wp:author_display_name><wp:author_first_name>{author}</wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
	{sections}
"""
SECTION = (
    "<wp:category><wp:term_id>{n}</wp:term_id><wp:category_nicename>hostile-{n}"
    "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{name}"
    "</wp:cat_name></wp:category>"
)
ITEM = """
	<item>
		<title>{title}</title>
		<link>http://hostile.example/?p={n}</link>
		<dc:creator><![CDATA[hostile]]></dc:creator>
		<guid isPermaLink="false">http://hostile.example/?p={n}</guid>
		<description></description>
		<content:encoded>{body}</content:encoded>
		<excerpt:encoded>{excerpt}</excerpt:encoded>
		<wp:post_id>{n}</wp:post_id>
		<wp:post_date>{date}</wp:post_date>
		<wp:post_date_gmt>{date}</wp:post_date_gmt>
		<wp:comment_status>open</wp:comment_status>
		<wp:post_name>hostile-{n}</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type>post</wp:post_type>
		<wp:post_password></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="hostile-1">{section}</category>{extras}
	</item>"""
TAG = '\n\t\t<category domain="post_tag" nicename="hostile-tag-{n}">{name}</category>'
COMMENT = """
		<wp:comment>
			<wp:comment_id>{n}</wp:comment_id>
			<wp:comment_author>{name}</wp:comment_author>
			<wp:comment_author_email>reader{n}@example.org</wp:comment_author_email>
			<wp:comment_author_url>{website}</wp:comment_author_url>
			<wp:comment_author_IP>192.0.2.{ip}</wp:comment_author_IP>
			<wp:comment_date>2024-03-02 10:00:00</wp:comment_date>
			<wp:comment_date_gmt>2024-03-02 10:00:00</wp:comment_date_gmt>
			<wp:comment_content>{comment}</wp:comment_content>
			<wp:comment_approved>1</wp:comment_approved>
			<wp:comment_type></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>"""


def cdata(value):
    value = NOT_IN_XML.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def hostile_wxr(attacks, marker):
    """The export's text; `marker` opens every body, so one search lists every post."""
    titles, excerpts = packed(attacks, 300), packed(attacks, 1000)
    bodies = ["\n\n".join(group) for group in grouped(attacks, lambda v: clean_html(autop(v)))]
    count = max(len(titles), len(bodies))
    extras = [[] for _ in range(count)]
    for n, attack in enumerate(attacks):
        website = WEBSITES[n // 2 % len(WEBSITES)] if n % 2 else attack
        comment = {"name": cdata(attack), "website": cdata(website), "comment": cdata(attack)}
        extras[n % count] += [
            TAG.format(n=n + 1, name=cdata(attack[:100])),
            COMMENT.format(n=n + 1, ip=n % 250 + 1, **comment),
        ]
    start = datetime(2024, 3, 1, 9, 0, 0)
    items = [
        ITEM.format(
            n=n + 1,
            title=cdata(titles[n] if n < len(titles) else f"مقالة {n}"),
            body=cdata(f"<p>{marker}</p>\n\n" + (bodies[n] if n < len(bodies) else "")),
            excerpt=cdata(excerpts[n] if n < len(excerpts) else ""),
            date=(start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S"),
            section=cdata(attacks[0][:100]),
            extras="".join(extras[n]),
        )
        for n in range(count)
    ]
    sections = [SECTION.format(n=n + 1, name=cdata(a[:100])) for n, a in enumerate(attacks[:5])]
    head = HEAD.format(author=cdata(attacks[-1][:150]), sections="\n\t".join(sections))
    return head + "".join(items) + "\n</channel>\n</rss>\n"
