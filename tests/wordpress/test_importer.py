"""import_wordpress moves a WordPress site in: posts, threads of comments, sections, authors.

Expected numbers are read from the fixture files here with a plain ElementTree parse, not
taken from the importer, so a miscount on either side shows.
"""

import io
import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.utils import timezone

from articles.models import Article, Attachment, Category, Source, Tag
from comments.models import Comment
from tests.wordpress.exports import comment, post, run, write, wxr

pytestmark = pytest.mark.django_db

THEME = "wxr/themeunittestdata.wordpress.xml"
SMALL = "wxr/small-export.xml"


class Export:
    """What a WXR file holds, read independently of wordpress.reader."""

    def __init__(self, path):
        text = path.read_text(encoding="utf-8")
        self.wp = "{" + re.search(r'xmlns:wp="([^"]+)"', text).group(1) + "}"
        self.channel = ET.fromstring(text.encode()).find("channel")
        self.items = self.channel.findall("item")

    def value(self, element, name):
        return element.findtext(self.wp + name) or ""

    def of_type(self, post_type):
        return [item for item in self.items if self.value(item, "post_type") == post_type]

    @property
    def posts(self):
        return self.of_type("post")

    def comments(self, items):
        return [comment for item in items for comment in item.findall(self.wp + "comment")]

    def terms(self, kind, slug_field):
        """Decoded slugs of the declared terms and of those the posts use."""
        declared = {
            unquote(self.value(term, slug_field)) for term in self.channel.findall(self.wp + kind)
        }
        domains = {"category": {"category"}, "tag": {"post_tag", "tag"}}[kind]
        used = {
            unquote(category.get("nicename"))
            for post in self.posts
            for category in post.findall("category")
            if category.get("domain") in domains
        }
        return declared | used


def test_the_theme_unit_test_posts_arrive_with_their_states(fixtures_dir):
    export = Export(fixtures_dir / THEME)
    output = run(fixtures_dir / THEME)

    statuses = Counter(
        "protected" if export.value(item, "post_password") else export.value(item, "status")
        for item in export.posts
    )
    assert Article.objects.count() == len(export.posts)
    assert Article.objects.published().count() == statuses["publish"]
    scheduled = Article.objects.filter(status="published", published_at__gt=timezone.now())
    assert scheduled.count() == statuses["future"] == 1
    assert (
        Article.objects.filter(status="draft").count() == statuses["draft"] + statuses["protected"]
    )
    protected = [export.value(item, "post_password") for item in export.posts]
    assert statuses["protected"] == 1 and any(protected)
    assert "Password-protected, imported as a draft: «Template: Password Protected" in output

    sticky = {
        item.findtext("title") for item in export.posts if export.value(item, "is_sticky") == "1"
    }
    assert set(Article.objects.filter(featured=True).values_list("title", flat=True)) == sticky
    for article in Article.objects.all():
        assert article.import_version == article.version == 1
        assert article.external_id.startswith("wxr:https://wpthemetestdata.wordpress.com:")
        assert article.source is None and article.original_url == ""
    assert Article.objects.get(title="Draft").slug == "draft"  # no post_name: from the title


def test_the_theme_unit_test_comments_keep_status_kind_threads_and_missing_emails(fixtures_dir):
    export = Export(fixtures_dir / THEME)
    run(fixtures_dir / THEME)
    everything = export.comments(export.items)
    on_posts = export.comments(export.posts)
    approval = Counter(export.value(comment, "comment_approved") for comment in everything)
    assert (approval["1"], approval["0"]) == (30, 3)  # what the fixture's README says

    expected = Counter(export.value(comment, "comment_approved") for comment in on_posts)
    stored = Counter(Comment.objects.values_list("status", flat=True))
    assert stored == {"approved": expected["1"], "pending": expected["0"]}
    kinds = Counter(export.value(comment, "comment_type") or "comment" for comment in on_posts)
    assert Counter(Comment.objects.values_list("kind", flat=True)) == kinds
    assert kinds["pingback"] == kinds["trackback"] == 2
    no_email = [
        comment for comment in on_posts if not export.value(comment, "comment_author_email")
    ]
    assert len(no_email) == 4 and Comment.objects.filter(email="").count() == 4

    parents = {export.value(c, "comment_id"): export.value(c, "comment_parent") for c in on_posts}

    def depth(comment_id):
        return 0 if parents[comment_id] == "0" else depth(parents[comment_id]) + 1

    deepest = max(parents, key=depth)
    assert depth(deepest) == 9  # ten levels: "Comment Depth 01" to "Comment Depth 10"
    for stored in Comment.objects.select_related("parent"):
        wp_id = stored.external_id.rsplit(":", 1)[1]
        assert stored.depth == depth(wp_id)
        if parents[wp_id] == "0":
            assert stored.parent is None and stored.root_id is None
        else:
            assert stored.parent.external_id.endswith(":comment:" + parents[wp_id])
            assert stored.root_id == (stored.parent.root_id or stored.parent_id)

    html_comment = Comment.objects.get(body__startswith="Headings")
    assert "<strong>" not in html_comment.body and "&lt;strong&gt;" not in html_comment.body_html
    assert Comment.objects.filter(ip__isnull=False).count() == 0  # the fixture has no IPs


def test_the_theme_unit_test_sections_tags_pages_and_attachments(fixtures_dir):
    export = Export(fixtures_dir / THEME)
    output = run(fixtures_dir / THEME)

    sections = export.terms("category", "category_nicename")
    uncategorised = any(
        not [c for c in item.findall("category") if c.get("domain") == "category"]
        for item in export.posts
    )
    assert Category.objects.count() == len(sections) + uncategorised
    assert Category.objects.filter(slug="غير-مصنف", name="غير مصنف").exists() == uncategorised
    assert len(sections) >= 68  # the README's count of declared sections
    for term in export.channel.findall(export.wp + "category"):
        parent = export.value(term, "category_parent")
        section = Category.objects.get(slug=unquote(export.value(term, "category_nicename")))
        assert (section.parent.slug if section.parent else "") == parent
    assert Tag.objects.count() == len(export.terms("tag", "tag_slug"))

    pages = export.of_type("page")
    assert f"Pages (not imported): {len(pages)}; their comments: 5" in output
    assert "Επίπεδο 2 -Second Greek level (επίπεδο-2)" in output  # the slug percent-decoded
    attachments = export.of_type("attachment")
    assert Attachment.objects.count() == len(attachments)
    post_ids = {export.value(item, "post_id") for item in export.posts}
    of_posts = [item for item in attachments if export.value(item, "post_parent") in post_ids]
    assert Attachment.objects.filter(article__isnull=False).count() == len(of_posts) > 0
    menus = len(export.of_type("nav_menu_item"))
    assert f"Not imported, of type nav_menu_item: {menus}" in output


def test_the_small_export_of_wxr_1_1_brings_its_draft_and_private_posts(fixtures_dir):
    export = Export(fixtures_dir / SMALL)
    assert export.wp == "{http://wordpress.org/export/1.1/}"
    output = run(fixtures_dir / SMALL)

    assert Article.objects.count() == len(export.posts)
    private = Article.objects.get(title="Private Post")
    assert private.status == "draft" and private.tags.count() == 3
    assert "private (imported as drafts): 1 new, 0 unchanged" in output
    assert "Draft Page" in output and not Article.objects.filter(title="Draft Page").exists()
    # Two sections are called "Foo" in WordPress; names are unique here, slugs tell them apart.
    foo_child = Article.objects.get(title="Foo-child").category
    assert foo_child.slug == "foo-bar" and foo_child.parent.slug == "bar"
    assert Category.objects.get(slug="foo").name != foo_child.name
    assert Article.objects.get(title="Many Categories").category.slug == "alpha"
    editor = get_user_model().objects.get(username="editor")
    assert not editor.has_usable_password() and not editor.is_staff
    assert editor.get_full_name() == "FirstName LastName"


def test_importing_the_same_files_again_changes_nothing(fixtures_dir):
    files = [fixtures_dir / THEME, fixtures_dir / SMALL]
    run(*files)
    models = [Article, Article.history.model, Comment, Category, Tag, Attachment, get_user_model()]
    before = [model.objects.count() for model in models]
    versions = dict(Article.objects.values_list("pk", "updated_at"))

    output = run(*files)

    assert [model.objects.count() for model in models] == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == versions
    assert "Posts: 0 new," in output and "Comments: 0 new," in output
    assert "Attachments recorded: 0 new" in output and "Sections: 0 new" in output


def test_a_second_export_adds_only_what_is_new(tmp_path):
    first = wxr([post(1, "One", extra=comment(10))])
    second = wxr(
        [
            post(1, "One", extra=comment(10) + comment(11, parent=10)),
            post(2, "Two", extra=comment(12)),
        ]
    )
    third = wxr([post(1, "One", extra=comment(13, parent=11))])  # its parent is not in it
    run(write(tmp_path, "first.xml", first))
    output = run(write(tmp_path, "second.xml", second))
    assert "Posts: 1 new, 1 unchanged" in output and "Comments: 2 new, 1 unchanged" in output
    output = run(write(tmp_path, "third.xml", third))
    assert "Posts: 0 new, 1 unchanged" in output and "Comments: 1 new, 0 unchanged" in output

    top = Comment.objects.get(external_id__endswith=":comment:10")
    for wp_id, depth in [(11, 1), (13, 2)]:
        reply = Comment.objects.get(external_id__endswith=f":comment:{wp_id}")
        assert (reply.depth, reply.root_id) == (depth, top.pk)
    assert Comment.objects.get(body="Comment 13").parent.body == "Comment 11"
    assert not Comment.objects.filter(ip__isnull=False).exists()  # "not-an-ip" in the file


def test_a_parent_listed_after_its_reply_still_threads(tmp_path):
    thread = comment(3, parent=2) + comment(2, parent=1) + comment(1)
    run(write(tmp_path, "thread.xml", wxr([post(1, "One", extra=thread)])))
    depths = dict(Comment.objects.values_list("body", "depth"))
    assert depths == {"Comment 1": 0, "Comment 2": 1, "Comment 3": 2}
    first = Comment.objects.get(body="Comment 1")
    assert set(Comment.objects.exclude(pk=first.pk).values_list("root", flat=True)) == {first.pk}


def test_a_malformed_item_is_skipped_with_its_reason_and_the_others_import(tmp_path):
    items = [
        post(1, "Good one"),
        post(2, "Bad date", date="2024-13-45 99:00:00"),
        post(3, "Bad comment", extra=comment(30, date="yesterday")),
        post(4, "Good two", extra=comment(40)),
    ]
    output = run(write(tmp_path, "broken.xml", wxr(items)))

    assert set(Article.objects.values_list("title", flat=True)) == {"Good one", "Good two"}
    assert "Skipped «Bad date»: invalid date «2024-13-45 99:00:00»" in output
    assert "Skipped «Bad comment»: comment 30: invalid date «yesterday»" in output
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not XML at all", "not well-formed XML"),
        (b"", "not well-formed XML"),
        (b"<html><body>hello</body></html>", "not a WordPress export"),
        (b'<rss version="2.0"><channel><title>A feed</title></channel></rss>', "not a WordPress"),
    ],
)
def test_a_file_that_is_not_a_wordpress_export_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run(tmp_path / "nowhere.xml")


def test_wxr_1_0_names_tags_and_parents_its_own_way(tmp_path):
    channel = (
        "<wp:category><wp:category_nicename>child</wp:category_nicename>"
        "<wp:category_parent>Top Section</wp:category_parent><wp:cat_name>Child</wp:cat_name>"
        "</wp:category><wp:category><wp:category_nicename>top</wp:category_nicename>"
        "<wp:category_parent></wp:category_parent><wp:cat_name>Top Section</wp:cat_name>"
        "</wp:category>"
    )
    terms = (
        '<category domain="category" nicename="child">Child</category>'
        '<category domain="tag">Old Tag</category><category domain="tag" nicename="old-tag">'
        "Old Tag</category>"
    )
    run(
        write(
            tmp_path, "old.xml", wxr([post(1, "Old", extra=terms)], version="1.0", channel=channel)
        )
    )
    article = Article.objects.get()
    assert article.category.slug == "child" and article.category.parent.slug == "top"
    assert list(article.tags.values_list("slug", flat=True)) == ["old-tag"]


def test_percent_encoded_slugs_are_kept_in_their_own_script(tmp_path):
    greek = "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf"
    arabic = "%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1"
    terms = f'<category domain="category" nicename="{arabic}">أخبار</category>'
    items = [post(1, "Greek", slug=greek, extra=terms), post(2, "Also Greek", slug=greek)]
    run(write(tmp_path, "slugs.xml", wxr(items)))
    assert set(Article.objects.values_list("slug", flat=True)) == {"επίπεδο", "επίπεδο-2"}
    assert Article.objects.get(title="Greek").category.slug == "أخبار"


def test_statuses_without_a_reader_state_of_their_own(tmp_path):
    items = [
        post(1, "Binned", status="trash", slug="binned__trashed"),
        post(2, "Waiting", status="pending"),
        post(3, "Secret", extra="<wp:post_password>x</wp:post_password>"),
    ]
    run(write(tmp_path, "states.xml", wxr(items)))
    binned = Article.objects.get(title="Binned")
    assert (binned.status, binned.previous_status, binned.slug) == ("trash", "draft", "binned")
    assert binned.trashed_at is not None
    assert Article.objects.get(title="Waiting").status == "pending"
    assert Article.objects.get(title="Secret").status == "draft"


def test_authors_are_matched_to_existing_users_by_email_then_login(fixtures_dir, django_user_model):
    by_email = django_user_model.objects.create_user("buster", "ThemeShaperWP+demos@gmail.com")
    by_login = django_user_model.objects.create_user("themereviewteam", "other@example.org")
    output = run(fixtures_dir / THEME)
    assert "Authors: 0 new, 2 already there" in output
    assert {a.author for a in Article.objects.select_related("author")} == {by_email, by_login}


def test_no_commenter_email_appears_on_a_public_page(fixtures_dir, client):
    export = Export(fixtures_dir / THEME)
    run(fixtures_dir / THEME)
    emails = {export.value(c, "comment_author_email") for c in export.comments(export.items)}
    emails |= {
        export.value(author, "author_email") for author in export.channel.iter(export.wp + "author")
    }
    emails.discard("")
    commented = Article.objects.published().filter(comments__isnull=False).distinct()
    urls = ["/", "/feed/", "/feed/atom/", "/sitemap.xml"]
    for article in commented:
        urls += [article.get_absolute_url(), article.category.get_absolute_url()]
        urls += [f"/authors/{article.author_id}/"]
    assert commented.count() >= 3
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode().lower()
        assert not [email for email in emails if email.lower() in page], url
    template = Article.objects.get(title="Template: Comments")
    assert "Comment Depth 10" in client.get(template.get_absolute_url()).content.decode()


def test_the_progress_bar_is_drawn_only_on_a_terminal(tmp_path):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    from wordpress.importer import import_files

    path = write(tmp_path, "two.xml", wxr([post(1, "One"), post(2, "Two")]))
    terminal = Terminal()
    import_files([path], progress_stream=terminal)
    assert "\r[" in terminal.getvalue() and "2/2" in terminal.getvalue()
    quiet = io.StringIO()
    import_files([path], progress_stream=quiet)
    assert quiet.getvalue() == ""


def test_the_benchmark_file_imports(tmp_path):
    from demo.wxr_bench import write_wxr

    path = tmp_path / "bench.xml"
    write_wxr(path, items=30, comments_per_item=5)
    run(path)
    assert Article.objects.count() == 30 and Comment.objects.count() == 150
    assert Comment.objects.filter(depth__gt=0).exists()
    # What Comment.save would have done, which bulk_create does not call.
    assert not Comment.objects.filter(email__regex="[A-Z]").exists()
    assert not Comment.objects.filter(body_html="").exists()
    assert Comment.objects.filter(body_html__contains='rel="nofollow ugc noopener"').exists()
    assert Category.objects.filter(parent__isnull=False).count() == 3
    assert Article.objects.filter(title__regex=r"[\u0600-\u06ff]").count() == 30
    assert (
        Article.objects.filter(source__isnull=False, original_url__startswith="https://").count()
        == 18
    )
    assert Source.objects.count() == 5
