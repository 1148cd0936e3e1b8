from datetime import timedelta

import factory
from django.utils import timezone

from articles.models import Article, Category, Source, Tag


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"قسم {n}")
    slug = factory.Sequence(lambda n: f"قسم-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"وسم {n}")
    slug = factory.Sequence(lambda n: f"وسم-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"وكالة {n}")
    homepage = "https://example.org/"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"خبر رقم {n} عن المدينة")
    category = factory.SubFactory(CategoryFactory)
    body = "<p>فقرة أولى من الخبر.</p><p>فقرة ثانية.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"قارئ {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = factory.Sequence(lambda n: f"تعليق رقم {n} على الخبر")
    status = "approved"
    ip = "192.0.2.10"
    # Older than the flood interval, so that a test's own submission is not refused as a flood.
    created_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
