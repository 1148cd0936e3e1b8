"""The plain records of a WordPress export (WXR), as wordpress.reader yields them.

Values stay the strings the file holds (slugs percent-decoded); deciding what a value means is
the importer's job.
"""

from dataclasses import dataclass, field


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    id: str = ""


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""  # the parent's slug (WXR 1.0: its name)


@dataclass
class Comment:
    id: str
    parent_id: str = ""
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = ""
    type: str = ""
    user_id: str = ""


@dataclass
class Item:
    post_id: str = ""
    post_type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    date: str = ""
    date_gmt: str = ""
    comment_status: str = ""
    password: str = ""
    sticky: str = ""
    parent_id: str = ""
    attachment_url: str = ""
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    comments: list = field(default_factory=list)
    meta: list = field(default_factory=list)  # (key, value) of its custom fields, in order
