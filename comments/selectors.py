"""What readers see of comments: the threads under an article, the most commented articles."""

from datetime import timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from articles import page_tags
from articles.models import Article
from core.cachetags import fragment, tag

from .models import Comment
from .rendering import thread_html
from .signals import COMMENT_COUNTS, DISCUSSION, STATUS_COUNTS
from .threads import CommentPage, PageLinks, shown, thread_tree


def comment_threads(article, *, rules, page_number=1, own_ids=()):
    """Approved comments (and this reader's held ones) as threads, oldest first.

    Three queries whatever the count: the counts, one page of first comments, their replies.
    Kept until the article's approved comments or the discussion rules change, except for a
    reader who has held comments of their own to see (their page is never shared).
    """
    # Their dates follow the site's settings (the Hijri date), their markup the rules.
    tags = [page_tags.article(article.pk), DISCUSSION, page_tags.SETTINGS]
    if own_ids:
        tag(*tags)
        return _threads(article, rules, page_number, own_ids)
    number = str(page_number)
    # Kept under the page's number only when it is one: any other input reads page one anyway
    # (Paginator.get_page), and a bot must not fill the cache with made-up numbers.
    known = number.isascii() and number.isdigit() and len(number) <= 4
    # "thread-page", not the "threads" of earlier releases: those kept another shape.
    name = f"thread-page:{article.pk}:{number if known else 1}"
    return fragment(name, tags, lambda: _drawn(_threads(article, rules, page_number, ()), rules))


def _drawn(page, rules):
    # Report buttons when the rules turn reporting on (rules without the setting: none).
    page.html = thread_html(page.threads, reports=bool(getattr(rules, "reports_to_hold", 0)))
    return page


def _threads(article, rules, page_number, own_ids):
    visible = Comment.objects.filter(article=article).visible_to(own_ids)
    counts = visible.aggregate(
        total=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        threads=Count("pk", filter=Q(parent__isnull=True)),
    )
    # Paging a range keeps the paginator from querying; the rows are sliced below.
    page = Paginator(range(counts["threads"]), max(rules.per_page, 1)).get_page(page_number)
    if not counts["threads"]:
        return CommentPage(counts["total"], [], PageLinks.of(page))
    roots = shown(
        visible.filter(parent__isnull=True).order_by("created_at", "pk")[
            page.start_index() - 1 : page.end_index()
        ]
    )
    replies = shown(
        visible.filter(root__in=[root.pk for root in roots]).order_by("created_at", "pk")
    )
    tree = thread_tree(roots, replies, depth=rules.thread_depth)
    return CommentPage(counts["total"], tree, PageLinks.of(page))


def most_commented(*, days, count=5):
    """The published articles with the most approved comments written in the last days (a
    week's talk, not all-time totals: cheap, since only recent comments are read), each with
    its comment_count. Kept until a comment is approved or unapproved, or a public article
    changes."""
    name = f"most-commented:{days}:{count}"
    return fragment(name, [COMMENT_COUNTS, page_tags.HOME], lambda: _most_commented(days, count))


def _most_commented(days, count):
    recent = Comment.objects.approved().filter(
        created_at__gte=timezone.now() - timedelta(days=days)
    )
    # Ranked over comment rows and two columns of their articles; whole articles are read only
    # for the few that win (ranking whole article rows took up to three times as long).
    top = (
        recent.filter(article__in=Article.objects.published())
        .values("article")
        .annotate(count=Count("pk"))
        .order_by("-count", "-article__published_at")
        .values("article")[:count]
    )
    per_article = recent.filter(article=OuterRef("pk")).values("article").annotate(n=Count("pk"))
    return list(
        Article.objects.filter(pk__in=top)
        .annotate(comment_count=Subquery(per_article.values("n")))
        .order_by("-comment_count", "-published_at")
    )


def status_counts():
    """Comments per status for the queue, counted again only after a comment changed: a
    GROUP BY over 200,000 comments costs more than the rest of the page."""
    counts = cache.get(STATUS_COUNTS)
    if counts is None:
        counts = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("pk")))
        cache.set(STATUS_COUNTS, counts, 3600)
    return counts


def reply_target(article, pk):
    """The approved comment of this article that a reader is replying to, or None."""
    return Comment.objects.approved().filter(article=article, pk=pk).first()
