import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Category, RecommendedStory, SiteSettings, Source, Tag
from comments.models import Comment
from demo import content as demo

DEMO_USERNAME = "admin"
# One account for each role (groups made by newsroom/migrations/0001_roles.py).
ROLE_USERS = {
    "editor": "رئيس التحرير",
    "author": "كاتب",
    "contributor": "مساهم",
    "moderator": "مشرف التعليقات",
}
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105  (a local demo account, printed on purpose)


class Command(BaseCommand):
    help = "Load the Arabic demo content and an admin user; running it again adds nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        admin = self._admin()
        settings = SiteSettings.current()
        if settings.site_name != demo.SITE_NAME:
            settings.site_name = demo.SITE_NAME
            settings.save()
        sources = {
            row["name"]: Source.objects.get_or_create(name=row["name"], defaults=row)[0]
            for row in demo.SOURCES
        }
        sections = {
            row["slug"]: Category.objects.get_or_create(slug=row["slug"], defaults=row)[0]
            for row in demo.SECTIONS
        }
        tags = {
            row["slug"]: Tag.objects.get_or_create(slug=row["slug"], defaults=row)[0]
            for row in demo.TAGS
        }
        created = 0
        now = timezone.now()
        articles = {}
        for row in demo.ARTICLES:
            article, was_created = Article.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "title": row["title"],
                    "category": sections[row["section"]],
                    "excerpt": row["excerpt"],
                    "body": row["body"],
                    "author": admin,
                    "status": Article.Status.PUBLISHED,
                    "published_at": now - timedelta(hours=row["hours_ago"]),
                    "source": sources.get(row["source"]),
                    "original_url": row["original_url"],
                },
            )
            if was_created:
                created += 1
                article.tags.set(tags[slug] for slug in row["tags"])
            articles[row["slug"]] = (article, was_created)
        for row in demo.ARTICLES:
            article, was_created = articles[row["slug"]]
            if was_created:
                for position, slug in enumerate(row["recommended"], start=1):
                    RecommendedStory.objects.create(
                        article=article, story=articles[slug][0], position=position
                    )
        self._comments([articles[row["slug"]] for row in demo.ARTICLES])
        self._role_users()
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

    def _comments(self, articles):
        created = []
        for index, name, body, status, reply_to in demo.COMMENTS:
            article, was_created = articles[index]
            if not was_created:
                created.append(None)
                continue
            created.append(
                Comment.objects.create(
                    article=article,
                    parent=created[reply_to] if reply_to is not None else None,
                    name=name,
                    email=f"reader{len(created)}@example.com",
                    body=body,
                    status=status,
                    ip="127.0.0.1",
                )
            )

    def _role_users(self):
        for username, group in ROLE_USERS.items():
            user, _created = get_user_model().objects.get_or_create(
                username=username, defaults={"is_staff": True}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=group))

    def _admin(self):
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user
