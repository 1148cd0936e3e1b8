"""Read a page of comment threads for an article in a fixed number of queries."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q

from .models import Comment

SHOWN_FIELDS = ["parent", "depth", "name", "url", "body_html", "status", "created_at"]


@dataclass
class Node:
    comment: Comment
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
    # What a thread shows: not the email, IP or user agent, which are never shown anyway.
    shown = visible.only(*SHOWN_FIELDS)
    counts = visible.aggregate(
        total=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        threads=Count("pk", filter=Q(parent__isnull=True)),
    )
    # Paging a range keeps the paginator from querying; the rows are sliced below.
    page = Paginator(range(counts["threads"]), max(rules.per_page, 1)).get_page(page_number)
    if not counts["threads"]:
        return CommentPage(counts["total"], [], page)
    roots = list(
        shown.filter(parent__isnull=True).order_by("created_at", "pk")[
            page.start_index() - 1 : page.end_index()
        ]
    )
    replies = shown.filter(root__in=[root.pk for root in roots]).order_by("created_at", "pk")
    nodes = {}
    for comment in [*roots, *replies]:
        nodes[comment.pk] = Node(
            comment, can_reply=comment.is_approved and comment.depth + 1 < rules.thread_depth
        )
        parent = nodes.get(comment.parent_id)
        if parent:
            parent.children.append(nodes[comment.pk])
    return CommentPage(counts["total"], [nodes[root.pk] for root in roots], page)
