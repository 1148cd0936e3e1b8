"""The pages the links in reply e-mails open: confirmed, unsubscribed, or a link gone bad.

Never cached: each link acts once for one reader, and its page names their article.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import Article

from . import subscriptions


@never_cache
@require_GET
def confirm(request, token):
    comment = subscriptions.confirm(token)
    if comment is None:
        return _invalid(request)
    return _page(request, "comments/subscription_confirmed.html", comment)


# A mail program's one-click unsubscribe (RFC 8058) is a POST with no CSRF token; the signed
# link is the proof, and all it can do is stop e-mails to the address it was sent to.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    comment = subscriptions.unsubscribe(token)
    if comment is None:
        return _invalid(request)
    return _page(request, "comments/subscription_unsubscribed.html", comment)


def _page(request, template, comment):
    article = Article.objects.published().filter(pk=comment.article_id).first()
    return render(request, template, {"article": article})


def _invalid(request):
    return render(request, "comments/subscription_invalid.html", status=400)
