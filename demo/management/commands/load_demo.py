"""Load the Arabic demo content (demo/content.toml) and one account for each role."""

import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.models import Article, Category, RecommendedStory, SiteSettings, Source, Tag
from comments.models import Comment
from demo import content

DEMO_USERNAME = "admin"
# One account for each role (groups made by comments/migrations/0004_roles.py).
ROLE_USERS = {
    "editor": "رئيس التحرير",
    "author": "كاتب",
    "contributor": "مساهم",
    "moderator": "مشرف التعليقات",
}
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105  (a local demo account, printed on purpose)
# Each account has an address (editor@newsroom.example...): moderators are told of held
# comments by e-mail, which the demo prints on the console (README).
EMAIL_DOMAIN = "newsroom.example"


class Command(BaseCommand):
    help = "Load the Arabic demo content and an admin user; running it again adds nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        data = content.load()
        names = {row["username"]: row for row in data["accounts"]}
        users = {DEMO_USERNAME: account(DEMO_USERNAME, names, is_superuser=True)}
        users |= {name: account(name, names, group=group) for name, group in ROLE_USERS.items()}
        settings = SiteSettings.current()
        if settings.site_name != data["site_name"]:
            settings.site_name = data["site_name"]
            settings.save()
        articles = load_articles(data, users=users, publisher=users["editor"])
        load_recommendations(data["articles"], articles)
        load_comments(data["articles"], articles)
        created = sum(was_created for _article, was_created in articles.values())
        self.stdout.write(
            f"Demo content: {created} new articles ({Article.objects.count()} in all)."
        )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:{port}/admin/  users: {DEMO_USERNAME} (superuser), "
                f"{', '.join(ROLE_USERS)}  password (all): {DEMO_PASSWORD}"
            )
        )


def account(username, names, *, is_superuser=False, group=None):
    """The staff account `username`: the demo password, its name in `names`, in `group` if given."""
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": is_superuser}
    )
    user.set_password(DEMO_PASSWORD)
    user.email = f"{username}@{EMAIL_DOMAIN}"
    # The name the admin greets them by and their articles are signed with.
    user.first_name = names.get(username, {}).get("first_name", "")
    user.last_name = names.get(username, {}).get("last_name", "")
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def get_or_create_all(model, rows, key):
    """Each row's object, found by `key` or created from the row: key -> object."""
    return {
        row[key]: model.objects.get_or_create(**{key: row[key]}, defaults=row)[0] for row in rows
    }


def load_articles(data, *, users, publisher):
    """Add the articles not there yet, signed by one of `users` and published by `publisher`.

    Returns slug -> (article, created)."""
    sources = get_or_create_all(Source, data["sources"], "name")
    sections = get_or_create_all(Category, data["sections"], "slug")
    tags = get_or_create_all(Tag, data["tags"], "slug")
    now = timezone.now()
    articles = {}
    for row in data["articles"]:
        article, created = Article.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "title": row["title"],
                "category": sections[row["section"]],
                "excerpt": row["excerpt"],
                "body": row["body"],
                "author": users[row.get("author", content.DEFAULT_AUTHOR)],
                "source": sources.get(row.get("source")),
                "original_url": row.get("original_url", ""),
            },
        )
        if created:
            article.tags.set(tags[slug] for slug in row.get("tags", []))
            workflow.publish(article, by=publisher, at=now - timedelta(hours=row["hours_ago"]))
        articles[row["slug"]] = (article, created)
    return articles


def load_recommendations(rows, articles):
    for row in rows:
        article, created = articles[row["slug"]]
        if created:
            for position, slug in enumerate(row.get("recommended", []), start=1):
                RecommendedStory.objects.create(
                    article=article, story=articles[slug][0], position=position
                )


def load_comments(rows, articles):
    """Add the readers' comments on the articles this run added."""
    number = 0  # across the whole file: each reader has an address of their own
    for row in rows:
        article, created = articles[row["slug"]]
        by_name = {}  # a reply answers the latest comment above it by that name
        for comment in row.get("comments", []):
            if created:
                by_name[comment["name"]] = Comment.objects.create(
                    article=article,
                    parent=by_name[comment["reply_to"]] if "reply_to" in comment else None,
                    name=comment["name"],
                    email=f"reader{number}@example.com",
                    body=comment["body"],
                    status=comment["status"],
                    reason=comment.get("reason", ""),
                    ip="127.0.0.1",
                )
            number += 1
