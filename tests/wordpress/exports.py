"""Small WordPress exports (WXR) built in tests, and the import command run on them."""

import io

from django.core.management import call_command
from django.utils import translation


def run(*paths):
    """Run the command in English (the catalogue may not have its strings yet); its output."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_wordpress", *map(str, paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def wxr(items, *, version="1.2", channel=""):
    """A small WXR document around the given <item> elements."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:wp="http://wordpress.org/export/{version}/">
<channel><title>Test</title><link>https://blog.example.org</link>
<wp:base_site_url>https://blog.example.org</wp:base_site_url>
<wp:base_blog_url>https://blog.example.org</wp:base_blog_url>
{channel}{"".join(items)}</channel></rss>"""


def post(post_id, title, *, status="publish", date="2024-05-01 10:00:00", slug="", extra=""):
    return f"""<item><title>{title}</title><dc:creator>writer</dc:creator>
<content:encoded><![CDATA[First paragraph.

Second paragraph.]]></content:encoded><excerpt:encoded></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>
<wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>{extra}</item>"""


def comment(comment_id, *, parent=0, date="2024-05-02 10:00:00", email="a@example.org"):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author>Reader {comment_id}</wp:comment_author>
<wp:comment_author_email>{email}</wp:comment_author_email>
<wp:comment_author_IP>not-an-ip</wp:comment_author_IP>
<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment {comment_id}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
