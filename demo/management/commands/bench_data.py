"""Generate newsroom-scale data for `make bench`: bulk inserts, fields derived as save() would."""

import random
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Category, RecommendedStory, SiteSettings, Source
from comments.models import Comment
from demo.seedfile import Seed

SEED = random.Random(2026)  # the same data on every machine  # noqa: S311
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
# A vocabulary of a few thousand words, so that a search word matches a realistic share of the
# articles rather than all of them.
WORDS = ["".join(SEED.choice(LETTERS) for _ in range(SEED.randint(3, 7))) for _ in range(4000)]


def sentence(words=14):
    return " ".join(SEED.choice(WORDS) for _ in range(words)) + "."


def body(paragraphs=8):
    blocks = [f"<p>{sentence(30)}</p>" for _ in range(paragraphs)]
    blocks.insert(3, f"<h2>{sentence(4)}</h2>")
    blocks.insert(5, f"<blockquote><p>“{sentence(12)}”</p></blockquote>")
    return "".join(blocks)


# The rules' own words (comments.policy), in the site's language when the comments are made.
HELD_REASON = _("Held: the commenter has no earlier approved comment.")
APPROVED_REASON = _("Approved: the commenter has an earlier approved comment.")
SPECIAL = ["seed", "comments-0", "comments-5000"]


class Command(BaseCommand):
    help = "Generate benchmark data (articles, sections, comments) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20000)
        parser.add_argument("--sections", type=int, default=50)
        parser.add_argument("--comments", type=int, default=200000, help="total to reach")
        parser.add_argument("--seed-article", help="path of the seed article text")

    def handle(self, *args, articles, sections, comments, seed_article, **options):
        SiteSettings.current()
        self.users()
        if not Article.objects.exists():
            self.articles(articles, sections, seed_article)
        self.comments(comments)
        self.stdout.write(f"articles={Article.objects.count()} comments={Comment.objects.count()}")

    def users(self):
        User = get_user_model()
        moderator, _created = User.objects.get_or_create(
            username="bench-moderator", defaults={"is_staff": True}
        )
        moderator.set_password("bench-password")
        moderator.save()
        moderator.groups.add(Group.objects.get(name="مشرف التعليقات"))

    def articles(self, count, section_count, seed_article):
        now = timezone.now()
        sections = Category.objects.bulk_create(
            Category(name=f"القسم {n}", slug=f"القسم-{n}", position=n) for n in range(section_count)
        )
        source = Source.objects.create(name="وكالة الأنباء", homepage="https://example.org/")
        rows = []
        for n in range(count):
            text = body()
            if n % 50 == 0:  # what `make bench` searches for: one article in fifty
                text += "<p>زار الوزير المدرسة الجديدة في الحي.</p>"
            title = f"{sentence(9)[:-1]} {n}"
            published_at = now - timedelta(minutes=7 * n + 1)
            row = Article(
                title=title, slug=f"خبر-{n}", category=sections[n % section_count], body=text,
                excerpt=sentence(20), status=Article.Status.PUBLISHED, published_at=published_at,
                # Generated as an archive that went live long ago: no going-live task is due.
                went_live_at=published_at, source=source if n % 3 else None,
                original_url=f"https://example.org/news/{n}" if n % 3 else "", version=1,
            )  # fmt: skip
            row.derive_stored_fields()
            rows.append(row)
        with transaction.atomic():
            workflow.record_imported(Article.objects.bulk_create(rows, batch_size=2000))
            self.special_articles(sections[0], source, seed_article)

    def special_articles(self, section, source, seed_article):
        """The seed article (200 comments, 10 related) and articles with 0 and 5,000 comments."""
        seed = Seed.parse(Path(seed_article).read_text(encoding="utf-8"))
        article = Article.objects.create(
            title=seed.disclaimer_title, slug="seed", category=section, body=seed.body_html(),
            status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(seconds=30),
            source=source, original_url="https://example.net/news/seed",
        )  # fmt: skip
        workflow.record_imported([article])
        related = Article.objects.filter(category=section).exclude(pk=article.pk)[:10]
        RecommendedStory.objects.bulk_create(
            RecommendedStory(article=article, story=story, position=n)
            for n, story in enumerate(related[:3])
        )
        workflow.record_imported(
            [
                Article.objects.create(
                    title=slug, slug=slug, category=section, body="<p>نص</p>",
                    status=Article.Status.PUBLISHED,
                )
                for slug in ("comments-0", "comments-5000")
            ]
        )  # fmt: skip
        self.add_comments(Article.objects.get(slug="seed"), 200)
        self.add_comments(Article.objects.get(slug="comments-5000"), 5000)

    def comments(self, total):
        missing = total - Comment.objects.count()
        if missing < 0:
            # Back down to the stage being measured (the queue at 10k, 100k, 200k comments).
            # Raw SQL: the generated comments have no replies, and the ORM's delete would
            # first load every row to cascade.
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM comments_comment WHERE id IN (SELECT c.id FROM comments_comment c"
                    " JOIN articles_article a ON a.id = c.article_id WHERE a.slug <> ALL(%s)"
                    " ORDER BY c.id DESC LIMIT %s)",
                    [SPECIAL, -missing],
                )
            return
        if missing == 0:
            return
        ids = list(
            Article.objects.exclude(slug__in=["seed", "comments-0", "comments-5000"]).values_list(
                "pk", flat=True
            )
        )
        per_article, rest = divmod(missing, len(ids))
        batch = []
        for n, article_id in enumerate(ids):
            for k in range(per_article + (1 if n < rest else 0)):
                batch.append(self.comment(article_id, k, held=(k % 10 == 9)))
            if len(batch) >= 5000:
                Comment.objects.bulk_create(batch)
                batch = []
        Comment.objects.bulk_create(batch)

    def add_comments(self, article, count):
        Comment.objects.bulk_create(self.comment(article.pk, k, held=False) for k in range(count))

    def comment(self, article_id, k, held):
        row = Comment(
            article_id=article_id, name=f"قارئ {k}", email=f"reader{k}@example.com",
            body=sentence(18), ip="192.0.2.1",
            status=Comment.Status.PENDING if held else Comment.Status.APPROVED,
            # Spread over three months, as comments on a news site are.
            created_at=timezone.now() - timedelta(minutes=SEED.randint(0, 60 * 24 * 90)),
            # Every held comment says which rule held it, as the queue shows.
            reason=str(HELD_REASON if held else APPROVED_REASON),
        )  # fmt: skip
        row.derive_stored_fields()
        return row
