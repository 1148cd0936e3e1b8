import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Category, RecommendedStory, Source
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_and_pages_show_it(client):
    call_command("load_demo", stdout=io.StringIO())
    models = [Article, Category, RecommendedStory, Comment, get_user_model()]
    counts = [model.objects.count() for model in models]
    call_command("load_demo", stdout=io.StringIO())
    assert [model.objects.count() for model in models] == counts
    assert counts[0] >= 12 and counts[1] >= 3 and counts[2] > 0 and counts[3] > 0
    assert Source.objects.exists()
    assert get_user_model().objects.get(username="admin").check_password("newsroom-demo")
    moderator = get_user_model().objects.get(username="moderator")
    assert moderator.has_perm("comments.change_comment")
    assert not moderator.has_perm("articles.change_article")

    article = Article.objects.filter(source__isnull=False, recommendations__isnull=False).first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "القصص الموصى بها" in html and "مقالات ذات صلة" in html and "مصدر الخبر" in html
    assert client.get("/").status_code == 200


def test_on_the_demo_site_a_reader_finds_the_school_by_typing_madrasa(client):
    call_command("load_demo", stdout=io.StringIO())
    html = client.get("/search/", {"q": "مدرسه"}).content.decode()
    assert "المدرسة الجديدة تفتح أبوابها في حي الزيتون" in html
    assert "<mark>المدرسة</mark>" in html
