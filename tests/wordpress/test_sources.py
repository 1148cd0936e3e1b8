"""A republishing news site's WordPress export arrives with each article's attribution.

The source is read from post meta (wordpress.sources); the pages are checked through
the test client against facts written in tests/wordpress/wordpress_news_site.py.
"""

import io
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from articles.models import Article, SiteSettings, Source
from comments.models import Comment
from wordpress.sources import attribution

from .wordpress_news_site import FEED_ID, FEED_NAME, news_site

STATUSES = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}


def run(path, *options):
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_wordpress", str(path), *options, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def export(tmp_path):
    text, specs, emails = news_site()
    path = tmp_path / "akhbar.xml"
    path.write_text(text, encoding="utf-8")
    return path, specs, emails


# Reading the meta: pure.


def test_feedwordpress_fields_give_name_link_and_homepage():
    found = attribution(
        [
            ("syndication_source", "الجزيرة نت"),
            ("syndication_permalink", "https://www.aljazeera.net/news/1"),
            ("syndication_source_uri", "https://www.aljazeera.net/"),
        ]
    )
    assert (found.name, found.url, found.homepage) == (
        "الجزيرة نت",
        "https://www.aljazeera.net/news/1",
        "https://www.aljazeera.net/",
    )


def test_wp_rss_aggregator_names_the_source_by_its_feed_and_keeps_the_writer_and_time():
    meta = [
        ("wprss_item_permalink", "https://www.spa.gov.sa/w1"),
        ("wprss_feed_id", "7"),
        ("wprss_item_author", "محمد العلي"),
        ("wprss_item_date", "1714550400"),
    ]
    found = attribution(meta, feeds={"7": "واس"})
    assert (found.name, found.credit) == ("واس", "محمد العلي")
    assert found.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert attribution(meta).name == ""  # the feed is not in the file: the host will name it
    assert attribution(meta).host == "spa.gov.sa"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.org/a",
        "//www.example.org/relative",
        "https://",
        "https://example.org/" + "a" * 1000,
        "https://exa mple.org/",
    ],
)
def test_only_a_whole_http_url_is_trusted(url):
    found = attribution([("source_url", url), ("original_url", "https://ok.example/1")])
    assert found.url == "https://ok.example/1"
    assert attribution([("source_url", url)]).url == ""


def test_control_characters_are_taken_out_of_a_url():
    found = attribution([("source_url", " \x00https://example.org/a\u202e\n")])
    assert found.url == "https://example.org/a"


def test_keys_starting_with_an_underscore_are_never_read():
    found = attribution([("_original_url", "https://a.example/1"), ("_source_name", "خفي")])
    assert not found


def test_the_plain_source_field_is_a_name_or_a_link_by_its_value():
    assert attribution([("source", "وكالة الأنباء")]).name == "وكالة الأنباء"
    linked = attribution([("source", "https://www.petra.gov.jo/news/1")])
    assert (linked.name, linked.url) == ("", "https://www.petra.gov.jo/news/1")


def test_a_named_field_is_read_first_and_a_php_value_is_no_name():
    meta = [("news_origin", "https://www.okaz.com.sa/n/1"), ("source_url", "https://b.example/")]
    assert attribution(meta, extra_keys=["news_origin"]).url == "https://www.okaz.com.sa/n/1"
    assert attribution(meta).url == "https://b.example/"
    assert attribution([("source_name", 'a:1:{i:0;s:3:"abc";}')]).name == ""


def test_the_first_of_a_repeated_key_counts_and_names_are_one_line():
    found = attribution([("source_name", "الأول\nسطر"), ("source_name", "الثاني")])
    assert found.name == "الأول سطر"


# The import, and what readers see.


@pytest.mark.django_db
def test_each_article_page_shows_its_attribution(export, client):
    path, specs, _emails = export
    editor_made = Source.objects.create(name="العربية", homepage="https://www.alarabiya.net/")
    output = run(path)

    attributed = [spec for spec in specs if spec.source]
    assert f"New articles with their source: {len(attributed)}" in output
    assert "News sources: 6 new, 1 already there" in output  # العربية was there
    assert Article.objects.count() == len(specs)
    site = SiteSettings.current()
    for spec in specs:
        article = Article.objects.get(external_id__endswith=f":{spec.id}")
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert (article.source.name if article.source else "") == spec.source
        assert article.original_url == spec.url
        if spec.source:
            assert str(site.disclaimer(article)) in html
            assert '<p class="lead-in">' in html
        else:
            assert 'class="disclaimer"' not in html and 'class="lead-in"' not in html
        if spec.url:
            # The page names the source beside the link to the original (not without one).
            link = re.escape(f'<a href="{escape(spec.url)}" rel="nofollow noopener">')
            name = re.escape(f"<bdi>{escape(spec.source)}</bdi>")
            assert re.search(f"{link}مصدر الخبر</a>: {name}", html)
        else:
            assert "nofollow noopener" not in html
        if spec.byline:
            assert spec.byline in html
        assert "<img src=x" not in html and "b=<script>" not in html
    assert Article.objects.get(source__name="العربية").source == editor_made
    wprss = Article.objects.get(source__name=FEED_NAME)
    assert wprss.original_published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert "javascript:" not in client.get("/feed/").content.decode()
    assert str(FEED_ID) not in {source.name for source in Source.objects.all()}


@pytest.mark.django_db
def test_comments_keep_their_status_and_thread(export, client):
    path, specs, _emails = export
    run(path)
    for spec in specs:
        article = Article.objects.get(external_id__endswith=f":{spec.id}")
        html = client.get(article.get_absolute_url()).content.decode()
        by_wp_id = {
            int(c.external_id.rsplit(":", 1)[1]): c
            for c in Comment.objects.filter(article=article).select_related("parent")
        }
        assert set(by_wp_id) == {c.id for c in spec.comments}
        depth = {}
        for expected in spec.comments:  # parents come first in each thread
            stored = by_wp_id[expected.id]
            assert stored.status == STATUSES[expected.status]
            assert stored.kind == (expected.kind or "comment")
            if expected.parent:
                assert stored.parent == by_wp_id[expected.parent]
                depth[expected.id] = depth[expected.parent] + 1
                root = by_wp_id[expected.parent].root_id or by_wp_id[expected.parent].pk
                assert stored.root_id == root
            else:
                assert stored.parent is None and stored.root_id is None
                depth[expected.id] = 0
            assert stored.depth == depth[expected.id]
            assert (expected.text in html) == (expected.status == "1")


@pytest.mark.django_db
def test_no_commenter_email_or_ip_reaches_a_page(export, client):
    path, specs, emails = export
    run(path)
    ips = {c.ip for spec in specs for c in spec.comments}
    assert Comment.objects.exclude(email="").count() == sum(
        1 for spec in specs for c in spec.comments if c.email
    )
    assert Comment.objects.filter(ip__isnull=False).count() == sum(len(s.comments) for s in specs)
    urls = {"/", "/feed/", "/feed/atom/", "/sitemap.xml", "/sitemap-news.xml"}
    for article in Article.objects.select_related("category"):
        urls |= {article.get_absolute_url(), article.category.get_absolute_url()}
        urls |= {f"/authors/{article.author_id}/", f"/sections/{article.category.slug}/feed/"}
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode().lower()
        assert not [email for email in emails if email.lower() in page], url
        assert not [ip for ip in ips if ip in page], url


@pytest.mark.django_db
def test_a_named_custom_field_is_read_and_a_second_import_adds_nothing(export):
    path, _specs, _emails = export
    run(path, "--source-meta", "news_origin")
    local = Article.objects.get(external_id__endswith=":108")
    assert local.original_url == "https://www.okaz.com.sa/news/local/2160000"
    assert local.source.name == "okaz.com.sa"
    assert local.source.homepage == "https://www.okaz.com.sa/"
    sources = Source.objects.count()

    output = run(path, "--source-meta", "news_origin")
    assert Source.objects.count() == sources
    assert "New articles with their source: 0" in output and "Comments: 0 new" in output
