"""Arabic search: one normalisation for the text and the query, on SQLite and PostgreSQL."""

import pytest

from articles.models import Article
from articles.search import search, snippet
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# (what the article says, what the reader types)
CASES = [
    ("زار الوزير المدرسة الجديدة", "مدرسه"),  # taa marbuta typed as haa, no «ال»
    ("زار الوزير المدرسة الجديدة", "المدرسة"),
    ("افتتاح المدرسه في الحي", "مدرسة"),  # and the other way round
    ("عاد الطلاب والمدرسة تستقبلهم", "المدرسة"),  # «و» before «ال»: the stemmer keeps it
    ("عاد الطلاب والمدرسة تستقبلهم", "مدرسه"),
    ("افتُتح مستشفى الأطفال", "مستشفي"),  # alef maqsura typed as yaa
    ("افتُتح مستشفي الأطفال", "مستشفى"),
    ("أعلن أحمد عن إطلاق المشروع", "احمد"),  # hamza on alef
    ("اعلن احمد عن اطلاق المشروع", "أحمد"),
    ("قال آدم إن الطقس معتدل", "ادم"),  # madda
    ("صرّح المُتَحدِّث الرسميُّ", "المتحدث"),  # diacritics in the text
    ("صرح المتحدث الرسمي", "المُتَحَدِّث"),  # diacritics in the query
    ("خبر عـاجـل من العاصمة", "عاجل"),  # tatweel in the text
    ("خبر عاجل من العاصمة", "عـاجـل"),  # tatweel in the query
    ("تعاون مع شركة Century International في المشروع", "century"),  # Latin, any case
    ("تعاون مع شركة Century International في المشروع", "شركة CENTURY"),  # mixed
    ("بالمدرسة احتفال كبير", "مدرسه"),  # «بال»
]


@pytest.mark.parametrize("text, query", CASES)
def test_arabic_variants_find_the_article(text, query):
    article = ArticleFactory(title="خبر", body=f"<p>{text}</p>")
    ArticleFactory(title="خبر آخر", body="<p>نص لا علاقة له بشيء</p>")
    found, _terms = search(query)
    assert list(found) == [article]


def test_every_word_of_the_query_must_match():
    both = ArticleFactory(body="<p>المدرسة والمستشفى في الحي</p>")
    ArticleFactory(body="<p>المدرسة وحدها</p>")
    assert list(search("مدرسه مستشفي")[0]) == [both]


def test_drafts_and_scheduled_articles_are_never_found():
    from datetime import timedelta

    from django.utils import timezone

    ArticleFactory(body="<p>المدرسة السرية</p>", status=Article.Status.DRAFT)
    ArticleFactory(
        body="<p>المدرسة المستقبلية</p>", published_at=timezone.now() + timedelta(hours=1)
    )
    assert list(search("مدرسه")[0]) == []


def test_an_empty_or_punctuation_query_finds_nothing():
    ArticleFactory(body="<p>نص</p>")
    for query in ["", "   ", "!!! ؟؟", "\x00"]:
        assert list(search(query)[0]) == []


def test_the_snippet_marks_the_original_words_and_escapes_the_rest():
    article = ArticleFactory(body="<p>قال المُدير إن &lt;script&gt; والمدرسة ستفتح غداً</p>")
    html = snippet(article, ["مدرسه", "مدير"])
    assert "<mark>المُدير</mark>" in html
    assert "<mark>والمدرسة</mark>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_the_search_page_lists_ranked_results_with_snippets_and_pages(client, settings):
    settings.NEWSROOM_SECTION_PAGE_SIZE = 2
    for n in range(3):
        ArticleFactory(title=f"تقرير {n}", body=f"<p>زيارة إلى المدرسة رقم {n}</p>")
    response = client.get("/search/", {"q": "مدرسه"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 نتائج" in html and "<mark>المدرسة</mark>" in html
    assert 'href="?q=%D9%85%D8%AF%D8%B1%D8%B3%D9%87&amp;page=2"' in html
    second = client.get("/search/", {"q": "مدرسه", "page": 2}).content.decode()
    assert second.count("<mark>") == 1


def test_the_search_page_escapes_the_query(client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
