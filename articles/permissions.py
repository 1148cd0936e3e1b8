"""Who may do what to an article: one place, used by the admin, bulk actions and services.

Editors hold both custom permissions; authors may publish but edit only their own; contributors
hold neither and may edit only their own drafts and articles pending review.
"""

from .models import Article

CHANGE = "articles.change_article"
PUBLISH = "articles.publish_article"
EDIT_OTHERS = "articles.edit_others_articles"

UNPUBLISHED = {Article.Status.DRAFT, Article.Status.PENDING}


def can_edit(user, article=None):
    if not user.has_perm(CHANGE):
        return False
    if article is None or user.has_perm(EDIT_OTHERS):
        return True
    if article.author_id != user.pk:
        return False
    if user.has_perm(PUBLISH):
        return True
    status = article.previous_status if article.status == Article.Status.TRASH else article.status
    return status in UNPUBLISHED


def can_publish(user, article=None):
    return user.has_perm(PUBLISH) and can_edit(user, article)


def can_submit(user, article):
    return can_edit(user, article) and article.status == Article.Status.DRAFT
