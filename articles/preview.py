"""Signed preview links: someone without an account may read one draft, for a while."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article

SALT = "articles.preview"
EXPIRY_NOTE = _("Anyone with this link can read this article, and only this one, for 48 hours.")


def preview_url(article):
    token = signing.dumps(article.pk, salt=SALT)
    return reverse("articles:preview", kwargs={"token": token})


def article_for_token(token):
    """The article the token was made for, or None when it is forged or expired."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Article.objects.exclude(status=Article.Status.TRASH)
        .select_related("category", "source", "author")
        .filter(pk=pk)
        .first()
    )
