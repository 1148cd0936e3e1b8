"""The article page shows every part of the reference page, in order."""

import pytest
from django.utils.html import escape

from tests.seed import SITE_NAME, build_seed_article


@pytest.fixture
def seed_page(db, client, fixtures_dir):
    text = (fixtures_dir / "seed-article-ar.txt").read_text(encoding="utf-8")
    seed, article, stories, related = build_seed_article(text)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return seed, article, stories, related, response.content.decode()


def first_words(line, count=6):
    # Latin runs are wrapped in <bdi>, so compare the leading Arabic words of a line.
    return escape(" ".join(line.split()[:count]))


def test_the_stray_line_break_is_gone_from_the_title(seed_page):
    seed, article, *_ = seed_page
    assert "\n" in seed.disclaimer_title
    assert article.title == seed.title


def test_every_part_of_the_reference_page_is_shown_in_order(seed_page):
    seed, article, stories, related, html = seed_page
    parts = [
        f'<a class="section-label" href="{escape(article.category.get_absolute_url())}">{seed.section}</a>',
        f'<h1 id="article-title" class="article-title mt-2">{escape(seed.title)}</h1>',
        '<p class="lead-in">',
        first_words(seed.body_lines[0]),
        first_words(seed.body_lines[1]),
        "القصص الموصى بها",
        *[f'href="{escape(story.get_absolute_url())}"' for story in stories],
        first_words(seed.body_lines[2]),
        f"<h2>{seed.headings[0]}</h2>",
        "<h2>العيوب الهيكلية</h2>",
        "<h2>ماذا يريد داعش؟</h2>",
        first_words(seed.body_lines[-1]),
        f"نشكركم على قراءة خبر «<bdi>{escape(seed.title)}</bdi>» من <bdi>{SITE_NAME}</bdi>",
        'rel="nofollow noopener">مصدر الخبر</a>',
        "مقالات ذات صلة",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
        'href="#top"',
        "زر الذهاب إلى الأعلى",
    ]
    positions = []
    for part in parts:
        position = html.find(part, positions[-1] if positions else 0)
        assert position != -1, f"missing or out of order: {part!r}"
        positions.append(position)


def test_the_lead_in_names_site_section_and_title(seed_page):
    seed, article, *_, html = seed_page
    expected = f"<bdi>{SITE_NAME}</bdi> – متابعات <bdi>{seed.section}</bdi>. نترككم مع خبر «<bdi>{escape(seed.title)}</bdi>»"
    assert expected in html


def test_quotes_are_blockquotes_and_recommended_stories_a_real_list(seed_page):
    seed, article, stories, related, html = seed_page
    assert html.count("<blockquote>") == sum(line.startswith("“") for line in seed.body_lines)
    recommended = html[html.index("القصص الموصى بها") : html.index("</aside>")]
    assert recommended.count("<li>") == 3


def test_latin_runs_inside_arabic_are_isolated(seed_page):
    *_, html = seed_page
    assert "<bdi>[Hayat Tahrir al-Sham]</bdi>وقال" in html
    assert "التعاون <bdi>[with the US]</bdi> وقال" in html
    assert "<bdi>[of new recruits]</bdi>" in html


def test_related_articles_are_listed_and_the_source_link_is_attributed(seed_page):
    seed, article, stories, related, html = seed_page
    section = html[html.index("مقالات ذات صلة") :]
    for other in related:
        assert escape(other.get_absolute_url()) in section
    assert escape(article.get_absolute_url()) not in section
    assert (
        '<a href="https://example.net/news/2025/12/15/isis-attacks" rel="nofollow noopener">'
        in html
    )


def test_the_page_is_arabic_and_right_to_left(seed_page):
    *_, html = seed_page
    assert '<html lang="ar" dir="rtl">' in html
