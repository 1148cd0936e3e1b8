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


def absolute_preview_url(article, request):
    """The link to hand out: at SITE_URL when it is set, else at the address (scheme, host and
    port) the request came in on, so that `PORT=8030 make demo` hands out links that open."""
    path = preview_url(article)
    if settings.NEWSROOM_SITE_URL_IS_SET:
        return settings.NEWSROOM_SITE_URL + path
    return request.build_absolute_uri(path)


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
