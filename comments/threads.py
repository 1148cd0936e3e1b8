"""Read a page of comment threads for an article in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, Q

from .models import Comment


class Shown(NamedTuple):
    """What a thread shows of a comment: read as plain rows, since building 200 model
    instances cost more than drawing them (and the email, IP and user agent stay unread)."""

    pk: int
    parent_id: int | None
    depth: int
    name: str
    url: str
    body_html: str
    status: str
    created_at: datetime

    @property
    def is_approved(self):
        return self.status == Comment.Status.APPROVED


SHOWN_FIELDS = ["pk", "parent_id", "depth", "name", "url", "body_html", "status", "created_at"]


def shown(queryset):
    return [Shown._make(row) for row in queryset.values_list(*SHOWN_FIELDS)]


@dataclass
class Node:
    comment: Shown
    can_reply: bool
    children: list = field(default_factory=list)


@dataclass
class CommentPage:
    total: int  # approved comments, for the heading
    threads: list
    page: object  # a Paginator page over threads, for the links


def comment_page(article, *, rules, page_number=1, own_ids=()):
    """Approved comments (and this reader's held ones) as threads, oldest first.

    Three queries whatever the count: the counts, one page of first comments, their replies.
    """
    visible = Comment.objects.filter(article=article).visible_to(own_ids)
    counts = visible.aggregate(
        total=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        threads=Count("pk", filter=Q(parent__isnull=True)),
    )
    # Paging a range keeps the paginator from querying; the rows are sliced below.
    page = Paginator(range(counts["threads"]), max(rules.per_page, 1)).get_page(page_number)
    if not counts["threads"]:
        return CommentPage(counts["total"], [], page)
    roots = shown(
        visible.filter(parent__isnull=True).order_by("created_at", "pk")[
            page.start_index() - 1 : page.end_index()
        ]
    )
    replies = shown(
        visible.filter(root__in=[root.pk for root in roots]).order_by("created_at", "pk")
    )
    nodes = {}
    for comment in [*roots, *replies]:
        nodes[comment.pk] = Node(
            comment, can_reply=comment.is_approved and comment.depth + 1 < rules.thread_depth
        )
        parent = nodes.get(comment.parent_id)
        if parent:
            parent.children.append(nodes[comment.pk])
    return CommentPage(counts["total"], [nodes[root.pk] for root in roots], page)
