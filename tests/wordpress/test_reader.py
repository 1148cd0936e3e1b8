"""Reading WXR and WordPress's text conventions: pure functions, no database."""

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from wordpress.fields import thread_levels
from wordpress.reader import Item, Site, WXRError, autop, parse_date, read_wxr


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    text = "السطر الأول\nالسطر الثاني\n\nفقرة ثانية"
    assert autop(text) == "<p>السطر الأول<br>\nالسطر الثاني</p>\n<p>فقرة ثانية</p>"


def test_block_elements_are_not_wrapped_but_text_beside_them_is():
    text = "قبل الاقتباس:\n<blockquote>اقتباس</blockquote>\nبعده"
    assert autop(text) == "<p>قبل الاقتباس:</p>\n<blockquote>اقتباس</blockquote>\n<p>بعده</p>"


def test_block_editor_content_is_left_as_it_is():
    text = "<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->"
    assert autop(text) == text


def test_a_caption_shortcode_becomes_a_figure():
    text = '[caption id="a" width="300"]<img src="https://example.org/a.jpg"> شرح الصورة[/caption]'
    expected = (
        '<figure><img src="https://example.org/a.jpg"><figcaption>شرح الصورة</figcaption></figure>'
    )
    assert autop(text).replace("\n", "") == expected


def test_dates_are_gmt_unless_wordpress_left_them_zero():
    assert parse_date("2011-01-18 07:40:14", "2011-01-18 10:40:14") == datetime(
        2011, 1, 18, 7, 40, 14, tzinfo=UTC
    )
    riyadh = ZoneInfo("Asia/Riyadh")
    local = parse_date("0000-00-00 00:00:00", "2011-01-18 10:40:14", riyadh)
    assert local == datetime(2011, 1, 18, 7, 40, 14, tzinfo=UTC)
    assert parse_date("0000-00-00 00:00:00", "") is None
    with pytest.raises(ValueError):
        parse_date("2011-02-30 00:00:00", "")


def test_replies_come_after_their_parents_and_a_loop_is_broken():
    levels, parents = thread_levels({"3": "2", "2": "1", "1": "0", "9": "8", "8": "9"})
    order = [wp_id for level in levels for wp_id in level]
    assert order.index("1") < order.index("2") < order.index("3")
    assert sorted(order) == ["1", "2", "3", "8", "9"]
    assert "" in (parents["8"], parents["9"])  # one of the loop became a first comment


def test_the_namespace_is_the_one_the_document_declares():
    document = b"""<rss xmlns:wp="https://wordpress.org/export/1.2/"><channel>
    <wp:base_site_url>https://a.example</wp:base_site_url>
    <item><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>
    <wp:post_name>%d8%ae%d8%a8%d8%b1</wp:post_name></item></channel></rss>"""
    site, item = read_wxr(io.BytesIO(document))
    assert site == Site(base_site_url="https://a.example")
    assert isinstance(item, Item) and (item.post_id, item.slug) == ("7", "خبر")


def test_a_document_without_a_wxr_namespace_is_refused():
    with pytest.raises(WXRError):
        list(read_wxr(io.BytesIO(b"<rss><channel><title>x</title></channel></rss>")))


def test_post_meta_is_read_in_order_with_its_private_keys():
    document = """<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
    <item><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>
    <wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>
    <wp:postmeta><wp:meta_key>syndication_source</wp:meta_key>
    <wp:meta_value><![CDATA[وكالة الأنباء]]></wp:meta_value></wp:postmeta>
    <wp:comment><wp:comment_id>1</wp:comment_id></wp:comment></item></channel></rss>"""
    _site, item = read_wxr(io.BytesIO(document.encode()))
    assert item.meta == [("_edit_last", "1"), ("syndication_source", "وكالة الأنباء")]
    assert [comment.id for comment in item.comments] == ["1"]


def test_wordpress_times_are_read_as_strptime_reads_them():
    assert parse_date("2024-5-1 9:05:00", "") == datetime(2024, 5, 1, 9, 5, tzinfo=UTC)
    for wrong in [
        "2024-05-01T10:00:00",
        "2024-05-01 10:00:00+03:00",
        "2024-05-01",
        "٢٠٢٤-٠٥-٠١ ١٠:٠٠:٠٠",
    ]:
        with pytest.raises(ValueError):
            parse_date(wrong, "")
