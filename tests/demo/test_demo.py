import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, ArticleEvent, Category, RecommendedStory, Source
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


def test_demo_articles_are_published_through_the_workflow_by_the_editor():
    call_command("load_demo", stdout=io.StringIO())
    events = ArticleEvent.objects.filter(from_state="draft", to_state="published")
    assert set(events.values_list("actor__username", flat=True)) == {"editor"}
    assert events.count() == Article.objects.published().count() == Article.objects.count()


def test_a_demo_reply_is_threaded_under_the_comment_it_answers_and_held_ones_stay_hidden(client):
    call_command("load_demo", stdout=io.StringIO())
    reply = Comment.objects.get(name="إدارة الموقع")
    assert reply.parent.name == "يوسف" and reply.depth == 1
    held = Comment.objects.get(status=Comment.Status.PENDING)
    html = client.get(held.article.get_absolute_url()).content.decode()
    assert reply.body in html and held.body not in html
