"""Write a large, realistic WordPress export for measuring import_wordpress.

Arabic titles, paragraphs split by blank lines as WordPress stores them, sections with
parents listed after their children, tags, threads of comments in every status, and for three
posts in five the agency they republish, in post meta as FeedWordPress keeps it.
"""

import random
from datetime import UTC, datetime, timedelta
from urllib.parse import quote as percent
from xml.sax.saxutils import escape

SITE = "https://bench.example.org"
WORDS = [
    "المدينة", "الحكومة", "الوزير", "المجلس", "الاقتصاد", "السوق", "المدرسة", "الطلاب",
    "الأمطار", "الطقس", "المستشفى", "الأطباء", "المشروع", "الطريق", "الجسر", "المياه",
    "الكهرباء", "الشباب", "الرياضة", "المنتخب", "المباراة", "الثقافة", "المعرض", "الكتاب",
    "الجامعة", "البحث", "الزراعة", "المزارعين", "التجارة", "الميناء", "السفينة", "النقل",
    "الحافلات", "أعلن", "قال", "أكد", "افتتح", "ناقش", "قرر", "بدأ", "استقبل", "شارك", "أطلق",
    "جديد", "كبير", "مهم", "سريع", "واسع", "قريب",
]  # fmt: skip
SECTIONS = [
    ("محليات", "محليات", ""),
    ("اقتصاد", "اقتصاد", ""),
    ("أسواق", "أسواق", "اقتصاد"),
    ("رياضة", "رياضة", ""),
    ("كرة-القدم", "كرة القدم", "رياضة"),
    ("ثقافة", "ثقافة", ""),
    ("كتب", "كتب", "ثقافة"),
    ("علوم", "علوم", ""),
]
AGENCIES = [
    ("وكالة الأنباء السعودية", "www.spa.gov.sa"),
    ("الجزيرة نت", "www.aljazeera.net"),
    ("سكاي نيوز عربية", "www.skynewsarabia.com"),
    ("العربية", "www.alarabiya.net"),
    ("وكالة الأنباء الأردنية", "petra.gov.jo"),
]
STATUSES = ["publish"] * 90 + ["draft"] * 4 + ["future"] * 2 + ["private"] * 2 + ["pending"] * 2
COMMENT_STATUSES = ["1"] * 8 + ["0", "spam"]
HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>موقع الاختبار</title>
<link>{site}</link>
<language>ar</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
"""


def write_wxr(path, items=10000, comments_per_item=5, seed=1):
    """Write a WXR 1.2 file of `items` posts, each with `comments_per_item` comments."""
    rng = random.Random(seed)  # noqa: S311  (repeatable test data, not secrets)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER.format(site=SITE))
        out.writelines(author(number) for number in range(1, 6))
        # Children first: the importer must not depend on parents coming before them.
        out.writelines(category(*row) for row in reversed(SECTIONS))
        out.writelines(tag(number) for number in range(1, 51))
        comment_id = 0
        for post_id in range(1, items + 1):
            out.write(item(rng, post_id, comment_id + 1, comments_per_item))
            comment_id += comments_per_item
        out.write("</channel>\n</rss>\n")


def author(number):
    return (
        f"<wp:author><wp:author_id>{number}</wp:author_id>"
        f"<wp:author_login>writer{number}</wp:author_login>"
        f"<wp:author_email>writer{number}@bench.example.org</wp:author_email>"
        f"<wp:author_display_name><![CDATA[كاتب {number}]]></wp:author_display_name>"
        "</wp:author>\n"
    )


def category(slug, name, parent):
    return (
        f"<wp:category><wp:category_nicename>{quote(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{quote(parent)}</wp:category_parent>"
        f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
    )


def tag(number):
    return (
        f"<wp:tag><wp:tag_slug>{quote(f'وسم-{number}')}</wp:tag_slug>"
        f"<wp:tag_name><![CDATA[وسم {number}]]></wp:tag_name></wp:tag>\n"
    )


def quote(slug):
    """Percent-encode a slug as WordPress exports non-Latin ones."""
    return percent(slug).lower()


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def body(rng):
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(5)]
    paragraphs[1] += " وقال المتحدث [Reuters] إن <strong>الخطة</strong> ستبدأ قريبا."
    paragraphs[2] = f'{paragraphs[2]}\nللمزيد <a href="{SITE}/more">اقرأ هنا</a>.'
    return "\n\n".join(paragraphs)


def item(rng, post_id, first_comment, comments):
    when = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * post_id)
    status = rng.choice(STATUSES)
    if status == "future":
        when = datetime.now(UTC) + timedelta(days=rng.randint(1, 30))
    date = when.strftime("%Y-%m-%d %H:%M:%S")
    slug, name, _parent = rng.choice(SECTIONS)
    tags = "".join(
        f'<category domain="post_tag" nicename="{quote(f"وسم-{number}")}">'
        f"<![CDATA[وسم {number}]]></category>"
        for number in rng.sample(range(1, 51), 3)
    )
    thread = "".join(
        comment(rng, first_comment + index, first_comment, when + timedelta(hours=index + 1))
        for index in range(comments)
    )
    return f"""<item>
<title>{escape(sentence(rng, 8)[:-1])}</title>
<link>{SITE}/?p={post_id}</link>
<dc:creator><![CDATA[writer{post_id % 5 + 1}]]></dc:creator>
<guid isPermaLink="false">{SITE}/?p={post_id}</guid>
<content:encoded><![CDATA[{body(rng)}]]></content:encoded>
<excerpt:encoded><![CDATA[{sentence(rng)}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:post_name>{quote(f"خبر-{post_id}")}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
<wp:is_sticky>{int(post_id % 500 == 0)}</wp:is_sticky>
<category domain="category" nicename="{quote(slug)}"><![CDATA[{name}]]></category>
{tags}
{post_meta(post_id)}{thread}</item>
"""


def post_meta(post_id):
    """WordPress's own field, and the agency's for three posts in five."""
    # Chosen by the post id, not the random generator: the rest of the file stays the same.
    fields = [("_edit_last", "1")]
    if post_id % 5 < 3:
        name, host = AGENCIES[post_id // 5 % len(AGENCIES)]
        fields += [
            ("syndication_source", name),
            ("syndication_source_uri", f"https://{host}/"),
            ("syndication_permalink", f"https://{host}/news/{post_id}"),
        ]
    return "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>\n"
        for key, value in fields
    )


def comment(rng, comment_id, first_id, when):
    # Every third comment answers an earlier one of the same post: threads two or three deep.
    replies = comment_id > first_id and comment_id % 3 == 0
    parent = rng.randint(first_id, comment_id - 1) if replies else 0
    pingback = comment_id % 97 == 0
    name = "موقع آخر" if pingback else f"قارئ {comment_id}"
    email = "" if pingback else f"Reader{comment_id}@Example.com"
    url = "https://other.example.org/" if pingback else ""
    return f"""<wp:comment>
<wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author><![CDATA[{name}]]></wp:comment_author>
<wp:comment_author_email>{email}</wp:comment_author_email>
<wp:comment_author_url>{url}</wp:comment_author_url>
<wp:comment_author_IP>192.0.2.{comment_id % 250 + 1}</wp:comment_author_IP>
<wp:comment_date>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date>
<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{sentence(rng, 15)}
{sentence(rng, 10)} https://example.org/]]></wp:comment_content>
<wp:comment_approved>{rng.choice(COMMENT_STATUSES)}</wp:comment_approved>
<wp:comment_type>{"pingback" if pingback else ""}</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>
"""
