"""A WordPress export as an Arabic news site that republishes agencies' stories writes it.

Each post names its source the way one republishing plugin does (FeedWordPress, WP RSS
Aggregator, Feedzy, WP Automatic, or custom fields an editor filled in) and carries a thread
of comments in every status, with commenters' e-mails and IPs. `news_site()` returns the file's
text and the plain facts a test checks the import against, written down here rather than
read back from the importer.
"""

from dataclasses import dataclass, field
from urllib.parse import quote
from xml.sax.saxutils import escape

SITE = "https://akhbar.example.org"


@dataclass
class CommentSpec:
    id: int
    parent: int  # 0: a first comment
    status: str  # WordPress's comment_approved
    email: str
    ip: str
    text: str
    kind: str = ""  # "", or "pingback"


@dataclass
class PostSpec:
    id: int
    title: str
    slug: str
    meta: list  # (key, value)
    source: str = ""  # the news source the article should name ("" for none)
    url: str = ""  # the original's address it should link to ("" for none)
    byline: str = ""
    comments: list = field(default_factory=list)


# The agency whose feed WP RSS Aggregator reads: a post of type wprss_feed in the export.
FEED_ID, FEED_NAME = 900, "وكالة الأنباء السعودية"
# Kept in post meta by WP RSS Aggregator: personal data of the agency's writer, never shown.
AGENCY_EMAIL = "writer.private@spa.example"


def thread(first_id, post_id):
    """Six comments: approved, replies two deep, held, spam, trash and a pingback."""
    n = first_id
    return [
        CommentSpec(n, 0, "1", f"reader{n}@mail.example", "203.0.113.7", f"رأي القارئ الأول {post_id}"),
        CommentSpec(n + 1, n, "1", f"Reader{n + 1}@Mail.example", "2001:db8::17", f"رد موافق عليه {post_id}"),
        CommentSpec(n + 2, n + 1, "1", f"reader{n + 2}@mail.example", "198.51.100.23", f"رد على الرد {post_id}"),
        CommentSpec(n + 3, n, "0", f"held{n + 3}@mail.example", "198.51.100.24", f"تعليق بانتظار المراجعة {post_id}"),
        CommentSpec(n + 4, 0, "spam", f"spam{n + 4}@spam.example", "192.0.2.66", f"اربح الآن مزعج {post_id}"),
        CommentSpec(n + 5, n + 2, "trash", f"gone{n + 5}@mail.example", "192.0.2.67", f"تعليق محذوف {post_id}"),
        CommentSpec(n + 6, 0, "1", "", "192.0.2.80", f"إشارة من موقع آخر {post_id}", kind="pingback"),
    ]  # fmt: skip


def posts():
    """One post per way of naming a source, and two that must show none."""
    specs = [
        PostSpec(
            101,
            "مجلس الوزراء يقر ميزانية العام المقبل",
            "ميزانية-العام-المقبل",
            [
                ("syndication_permalink", "https://www.aljazeera.net/news/2024/5/1/budget?ref=rss&x=1"),
                ("syndication_source", "الجزيرة نت"),
                ("syndication_source_uri", "https://www.aljazeera.net/"),
                ("syndication_feed", "https://www.aljazeera.net/rss"),
                ("_syndication_feed_id", "3"),
            ],
            source="الجزيرة نت",
            url="https://www.aljazeera.net/news/2024/5/1/budget?ref=rss&x=1",
        ),
        PostSpec(
            102,
            "افتتاح معرض الكتاب الدولي في الرياض",
            "معرض-الكتاب",
            [
                ("wprss_item_permalink", "https://www.spa.gov.sa/w2093541"),
                ("wprss_feed_id", str(FEED_ID)),
                ("wprss_item_author", "محمد العلي"),
                ("wprss_item_author_email", AGENCY_EMAIL),
                ("wprss_item_date", "1714550400"),
            ],
            source=FEED_NAME,
            url="https://www.spa.gov.sa/w2093541",
            byline="محمد العلي",
        ),
        PostSpec(
            103,
            "المنتخب يتأهل إلى نهائي كأس آسيا",
            "المنتخب-يتأهل",
            [
                ("feedzy_item_url", "https://www.bbc.com/arabic/articles/c9x2"),
                ("feedzy_item_author", "بي بي سي عربي"),
                ("feedzy", "1"),
            ],
            source="bbc.com",  # no name given: the host names it
            url="https://www.bbc.com/arabic/articles/c9x2",
            byline="بي بي سي عربي",
        ),
        PostSpec(
            104,
            "ارتفاع أسعار النفط في الأسواق العالمية",
            "أسعار-النفط",
            [("original_link", "https://www.alarabiya.net/aswaq/2024/05/01/oil")],
            source="العربية",  # the source an editor made for that host is found again
            url="https://www.alarabiya.net/aswaq/2024/05/01/oil",
        ),
        PostSpec(
            105,
            "هطول أمطار غزيرة على المناطق الشمالية",
            "أمطار-غزيرة",
            [
                ("source_name", "سكاي نيوز عربية"),
                ("source_url", "https://www.skynewsarabia.com/world/1700000"),
            ],
            source="سكاي نيوز عربية",
            url="https://www.skynewsarabia.com/world/1700000",
        ),
        PostSpec(
            106,
            "الجامعة تطلق برنامجا جديدا للبحث العلمي",
            "برنامج-البحث",
            [("source", "وكالة الأنباء الأردنية")],
            source="وكالة الأنباء الأردنية",  # a name, no link
        ),
        PostSpec(
            107,
            "تقرير خاص عن مشاريع الطرق",
            "تقرير-خاص",
            [
                ("source_url", "javascript:alert(document.cookie)"),
                ("original_link", "data:text/html,<script>alert(1)</script>"),
                ("_original_url", "https://private.example/never"),
            ],
        ),
        PostSpec(
            109,
            "بيان صحفي من جهة مجهولة",
            "بيان-صحفي",
            [
                ("source_name", "<img src=x onerror=alert(1)>صحيفة &amp; مجلة"),
                ("source_link", "https://news.example.com/a?b=<script>"),
            ],
            source="<img src=x onerror=alert(1)>صحيفة & مجلة",  # text, shown escaped
            url="https://news.example.com/a?b=<script>",
        ),
        PostSpec(
            108,
            "خبر محلي من مراسلنا",
            "خبر-محلي",
            [("_edit_last", "1"), ("news_origin", "https://www.okaz.com.sa/news/local/2160000")],
        ),
    ]  # fmt: skip
    for index, spec in enumerate(specs):
        spec.comments = thread(1000 + index * 10, spec.id)
    return specs


def news_site():
    """(WXR text, post specs, every e-mail in the file)."""
    specs = posts()
    items = [feed_item()] + [post_item(spec, index) for index, spec in enumerate(specs)]
    emails = {"mona@akhbar.example.org", "khaled@akhbar.example.org", AGENCY_EMAIL}
    emails |= {c.email for spec in specs for c in spec.comments if c.email}
    return document("".join(items)), specs, emails


def document(items):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>أخبار اليوم</title><link>{SITE}</link><language>ar</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>mona</wp:author_login>
<wp:author_email>mona@akhbar.example.org</wp:author_email>
<wp:author_display_name><![CDATA[منى السالم]]></wp:author_display_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>khaled</wp:author_login>
<wp:author_email>khaled@akhbar.example.org</wp:author_email>
<wp:author_display_name><![CDATA[خالد الحربي]]></wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>{quote("محليات")}</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[محليات]]></wp:cat_name>
</wp:category>
{items}</channel></rss>"""


def feed_item():
    return f"""<item><title>{FEED_NAME}</title><wp:post_id>{FEED_ID}</wp:post_id>
<wp:post_type>wprss_feed</wp:post_type><wp:status>publish</wp:status>
<wp:postmeta><wp:meta_key>wprss_url</wp:meta_key>
<wp:meta_value><![CDATA[https://www.spa.gov.sa/rss]]></wp:meta_value></wp:postmeta></item>
"""


def post_item(spec, index):
    date = f"2024-05-0{index + 1} 0{index}:30:00"
    body = (
        f"{spec.title} في خبر تفصيلي.\n\n"
        "وقال المتحدث [Reuters] إن <strong>القرار</strong> يبدأ تطبيقه قريبا.\n\n"
        "وأضاف أن الجهات المعنية ستتابع التنفيذ."
    )
    meta = "".join(
        f"<wp:postmeta><wp:meta_key>{escape(key)}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in spec.meta
    )
    comments = "".join(comment_element(c, date) for c in spec.comments)
    return f"""<item><title>{escape(spec.title)}</title>
<link>{SITE}/?p={spec.id}</link><dc:creator><![CDATA[{"mona" if index % 2 else "khaled"}]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded></excerpt:encoded>
<wp:post_id>{spec.id}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:post_name>{quote(spec.slug)}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="{quote("محليات")}"><![CDATA[محليات]]></category>
{meta}{comments}</item>
"""


def comment_element(comment, post_date):
    day = post_date.split()[0]
    return f"""<wp:comment><wp:comment_id>{comment.id}</wp:comment_id>
<wp:comment_author><![CDATA[قارئ {comment.id}]]></wp:comment_author>
<wp:comment_author_email>{comment.email}</wp:comment_author_email>
<wp:comment_author_url></wp:comment_author_url>
<wp:comment_author_IP>{comment.ip}</wp:comment_author_IP>
<wp:comment_date>{day} 12:{comment.id % 60:02d}:00</wp:comment_date>
<wp:comment_date_gmt>{day} 12:{comment.id % 60:02d}:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{comment.text}]]></wp:comment_content>
<wp:comment_approved>{comment.status}</wp:comment_approved>
<wp:comment_type>{comment.kind}</wp:comment_type>
<wp:comment_parent>{comment.parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>"""
