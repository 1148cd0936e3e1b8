import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Category, RecommendedStory, Source

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_and_pages_show_it(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = [Article.objects.count(), Category.objects.count(), RecommendedStory.objects.count()]
    call_command("load_demo", stdout=io.StringIO())
    assert [
        Article.objects.count(),
        Category.objects.count(),
        RecommendedStory.objects.count(),
    ] == counts
    assert counts[0] >= 12 and counts[1] >= 3 and counts[2] > 0
    assert Source.objects.exists()
    assert get_user_model().objects.get(username="admin").check_password("newsroom-demo")

    article = Article.objects.filter(source__isnull=False, recommendations__isnull=False).first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "القصص الموصى بها" in html and "مقالات ذات صلة" in html and "مصدر الخبر" in html
    assert client.get("/").status_code == 200
