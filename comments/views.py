import json

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from core.clientip import client_ip

from . import origin, reports
from .forms import CommentForm, issue_token
from .models import Comment
from .services import CommentRefused, submit_comment

REMEMBER_COOKIE = "comment_author"
REMEMBER_SALT = "comments.remember"
REMEMBER_SECONDS = 365 * 24 * 60 * 60
# The reader's own held comments, which only they see: in a signed cookie, not the session,
# so that nothing is written to the database once their comment is committed (a database
# lost at that moment must not turn a stored comment into an error page).
HELD_COOKIE = "comment_held"
HELD_SALT = "comments.held"
HELD_LIMIT = 50
HELD_SECONDS = 30 * 24 * 60 * 60


@never_cache
@require_GET
def form_token(request):
    """The comment form's per-reader values, fetched by script: shared cached pages have none."""
    return JsonResponse({"csrf": get_token(request), "issued": issue_token()})


class CrossSite(CommentRefused):
    status = 403
    message = gettext_lazy(
        "This form was sent from another site. Read the comment, then send it from this page "
        "if it is yours."
    )


class TokenMissing(CommentRefused):
    """No Origin header and no valid CSRF token: to the reader, a form that has expired."""

    status = 403
    message = gettext_lazy("This form has expired. Please send your comment again.")


class ArticleGone(CommentRefused):
    status = 404
    message = gettext_lazy("This article does not take comments: keep a copy of your text.")


class InvalidForm(CommentRefused):
    message = ""  # the form says what is wrong, field by field


# comments.origin checks where the post comes from instead of Django's CSRF token: the form is
# on pages shared from the cache, which hold no token, and readers without JavaScript send it.
@csrf_exempt
@require_POST
def post_comment(request, article_id):
    # An article taken down while the reader wrote: they still get their text back.
    article = Article.objects.published().filter(pk=article_id).first()
    form = CommentForm(request.POST, action=request.path)
    try:
        comment = _submit(request, article, form)
    except CommentRefused as refusal:
        return _refused(request, article, form, refusal)
    if comment.is_approved:
        messages.success(request, _("Thank you: your comment is published."))
    else:
        messages.info(request, _("Thank you: your comment is awaiting moderation."))
    response = redirect(comment.get_absolute_url())
    if not comment.is_approved:
        _hold_for_reader(request, response, comment)
    _remember(request, response, form.cleaned_data)
    return response


def _submit(request, article, form):
    if article is None:
        raise ArticleGone()
    refusal = origin.refusal(request)
    if refusal:
        raise CrossSite() if refusal == origin.CROSS_SITE else TokenMissing()
    if not form.is_valid():
        raise InvalidForm()
    data = form.cleaned_data
    parent = None
    if data["parent"]:
        parent = Comment.objects.filter(pk=data["parent"]).first()
        if parent is None:
            raise CommentRefused(_("The comment you are replying to is not available."))
    return submit_comment(
        article,
        name=data["name"],
        email=data["email"],
        url=data["url"],
        body=data["body"],
        ip=client_ip(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        user=request.user,
        parent=parent,
        reply_emails=data["reply_emails"],
    )


def _refused(request, article, form, refusal):
    """A page of the site saying why, with the reader's text in a form one click sends."""
    if refusal.message:
        form.add_error(None, refusal.message)
    context = {"article": article, "form": form.without_honeypot()}
    response = render(request, "comments/refused.html", context, status=refusal.status)
    add_never_cache_headers(response)  # the reader's own text and address
    return response


@csrf_exempt  # comments.origin instead: the button is on pages shared from the cache
@require_POST
def report(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("article").filter(article__in=Article.objects.published()),
        pk=comment_id,
    )
    if origin.refusal(request):
        # Not known to come from our page (another site, or a browser that did not say):
        # the reader confirms it on a page of their own, with a token.
        context = {"comment": comment, "action": reverse("comments:report", args=[comment.pk])}
        response = render(request, "comments/report.html", context, status=403)
        add_never_cache_headers(response)
        return response
    reports.report_comment(comment, reports.reader_key(client_ip(request)))
    # The same thanks whether or not it counted: a reader learns nothing of others' reports.
    messages.success(request, _("Thank you: your report has reached us."))
    return redirect(comment.article.get_absolute_url())


def remembered_author(request):
    """The name, email and website a reader asked us to remember, or an empty dict."""
    value = request.get_signed_cookie(REMEMBER_COOKIE, default=None, salt=REMEMBER_SALT)
    try:
        remembered = json.loads(value or "{}")
    except ValueError:
        return {}
    return remembered if isinstance(remembered, dict) else {}


def held_comment_ids(request):
    """The ids of the held comments this reader wrote (from their signed cookie)."""
    value = request.get_signed_cookie(HELD_COOKIE, default="", salt=HELD_SALT)
    return [int(pk) for pk in value.split(",") if pk.isascii() and pk.isdigit()]


def _hold_for_reader(request, response, comment):
    held = [*held_comment_ids(request), comment.pk][-HELD_LIMIT:]
    response.set_signed_cookie(
        HELD_COOKIE,
        ",".join(map(str, held)),
        salt=HELD_SALT,
        max_age=HELD_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _remember(request, response, data):
    # Only with the reader's consent; without it, any earlier cookie is removed.
    if not data["remember"]:
        response.delete_cookie(REMEMBER_COOKIE)
        return
    value = json.dumps({key: data[key] for key in ("name", "email", "url")})
    response.set_signed_cookie(
        REMEMBER_COOKIE,
        value,
        salt=REMEMBER_SALT,
        max_age=REMEMBER_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
