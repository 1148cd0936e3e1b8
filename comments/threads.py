"""A page of comment threads as plain rows and nodes: the shapes and the tree, no queries."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

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
    from_staff: bool = False  # a default: pages of threads kept before it read as before

    @property
    def is_approved(self):
        return self.status == Comment.Status.APPROVED


SHOWN_FIELDS = [
    "pk", "parent_id", "depth", "name", "url", "body_html", "status", "created_at", "from_staff",
]  # fmt: skip


def shown(queryset):
    return [Shown._make(row) for row in queryset.values_list(*SHOWN_FIELDS)]


@dataclass
class Node:
    comment: Shown
    can_reply: bool
    children: list = field(default_factory=list)


class PageLinks(NamedTuple):
    """The numbers the links between pages of threads need, from Django's paginator page (which
    is not kept: its lazy messages cost a class each to unpickle, on every page drawn)."""

    number: int
    num_pages: int
    has_previous: bool
    has_next: bool

    @classmethod
    def of(cls, page):
        return cls(page.number, page.paginator.num_pages, page.has_previous(), page.has_next())

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


@dataclass
class CommentPage:
    total: int  # approved comments, for the heading
    threads: list  # the nodes, while they are drawn; not kept once drawn
    links: PageLinks
    html: str = ""  # the threads drawn, kept when every reader sees the same
    shown: int = 0  # how many threads this page shows

    def __post_init__(self):
        self.shown = self.shown or len(self.threads)

    def __getstate__(self):
        # Kept drawn, a page is its HTML: unpickling 200 comments' rows for every reader was
        # a tenth of drawing the article page.
        return {**self.__dict__, "threads": []} if self.html else self.__dict__


def thread_tree(roots, replies, *, depth):
    """The roots' nodes, each reply under its parent; replies stop at the depth limit."""
    nodes = {}
    for comment in [*roots, *replies]:
        nodes[comment.pk] = Node(
            comment, can_reply=comment.is_approved and comment.depth + 1 < depth
        )
        parent = nodes.get(comment.parent_id)
        if parent:
            parent.children.append(nodes[comment.pk])
    return [nodes[root.pk] for root in roots]
