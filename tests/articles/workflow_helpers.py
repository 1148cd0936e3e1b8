"""Users in each role and the admin requests an editor's browser would send."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article

ROLES = {
    "editor": "رئيس التحرير",
    "author": "كاتب",
    "contributor": "مساهم",
    "moderator": "مشرف التعليقات",
}
CHANGELIST = "/admin/articles/article/"


def make_user(django_user_model, role):
    user = django_user_model.objects.create_user(role, f"{role}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


def change_url(article):
    return f"{CHANGELIST}{article.pk}/change/"


def form_data(article=None, **fields):
    """The change (or add) form as the admin renders it, with the fields given changed."""
    at = timezone.localtime(article.published_at if article else timezone.now())
    data = {
        "title": article.title if article else "مقالة جديدة من المحرر",
        "slug": article.slug if article else "",
        "category": article.category_id if article else "",
        "excerpt": article.excerpt if article else "",
        "body": article.body if article else "<p>نص</p>",
        "published_at_0": at.strftime("%Y-%m-%d"),
        "published_at_1": at.strftime("%H:%M:%S"),
        "byline": "",
        "comments_open": "on",
        "show_attribution": "on",
        "source": "",
        "original_url": "",
        "correction": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "version_seen": article.version if article else "",
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def in_future(**delta):
    at = timezone.localtime(timezone.now() + timedelta(**delta)).replace(microsecond=0)
    return {"published_at_0": at.strftime("%Y-%m-%d"), "published_at_1": at.strftime("%H:%M:%S")}


def bulk(client, action, articles):
    return client.post(
        CHANGELIST + "?state=all",
        {"action": action, "_selected_action": [a.pk for a in articles], "index": 0},
    )


def reload(article):
    return Article.objects.get(pk=article.pk)
