"""What readers may see, defined once."""

from django.conf import settings
from django.db import connection, models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

# Separators for tag_list: control characters, which tag names and slugs cannot contain.
UNIT, RECORD = "\x1f", "\x1e"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Published and due: a future publish time stays hidden until that second passes."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published for a time still to come: what "scheduled" means, the only definition."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())

    def in_state(self, state):
        """The articles an editor sees in `state` (a stored status, or "scheduled")."""
        if state == self.model.SCHEDULED:
            return self.scheduled()
        if state == self.model.Status.PUBLISHED:
            return self.published()
        return self.filter(status=state)

    def next_publication(self):
        """When the next scheduled article goes live, or None."""
        return (
            self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        )

    def related_to(self, article, limit=None):
        """Published articles sharing the section or a tag, newest first, never this one."""
        limit = limit or settings.NEWSROOM_RELATED_COUNT
        published = self.published().exclude(pk=article.pk)
        in_section = published.filter(category_id=article.category_id)
        through = self.model.tags.through
        shares_tag = published.filter(
            pk__in=through.objects.filter(
                tag_id__in=through.objects.filter(article_id=article.pk).values("tag_id")
            ).values("article_id")
        )
        if connection.features.supports_slicing_ordering_in_compound:
            # The newest few of each kind, each read from its own index, then the newest of
            # both: "section OR tag" over the whole table would scan every published article.
            newest = ("-published_at", "-pk")
            candidates = (
                in_section.order_by(*newest).values("pk")[:limit]
                .union(shares_tag.order_by(*newest).values("pk")[:limit])
            )  # fmt: skip
            return self.filter(pk__in=candidates).for_listing()[:limit]
        return (in_section | shares_tag).for_listing()[:limit]

    def recommended_for(self, article):
        """The editor's ordered pick for `article`, limited to what readers may see."""
        return (
            self.published()
            .filter(recommended_in__article=article)
            .order_by("recommended_in__position")
        )

    def for_listing(self):
        return self.select_related("category").order_by("-published_at", "-pk")

    def with_tag_list(self):
        """Annotate each article's tags as one string, read by Article.tag_links (no query)."""
        from .models import Tag

        pairs = (
            Tag.objects.filter(articles=models.OuterRef("pk"))
            .order_by()
            .values("articles")
            .annotate(
                pairs=models.StringAgg(
                    Concat(
                        Cast("pk", models.TextField()),
                        Value(UNIT),
                        "slug",
                        Value(UNIT),
                        "name",
                        output_field=models.TextField(),
                    ),
                    delimiter=Value(RECORD),
                )
            )
            .values("pairs")
        )
        return self.annotate(tag_list=models.Subquery(pairs))
