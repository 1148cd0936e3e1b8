"""What readers may see, defined once."""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone

# Separators for tag_list: control characters, which tag names and slugs cannot contain.
UNIT, RECORD = "\x1f", "\x1e"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Published and due: a future publish time stays hidden until that second passes."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

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
                pairs=models.StringAgg(Concat("slug", Value(UNIT), "name"), delimiter=Value(RECORD))
            )
            .values("pairs")
        )
        return self.annotate(tag_list=models.Subquery(pairs))
