import json

from django.contrib import messages
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.selectors import article_page, page_articles
from core.clientip import client_ip

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


@require_POST
def post_comment(request, article_id):
    article = get_object_or_404(page_articles().published(), pk=article_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _article_with_form(request, article, form, status=400)
    data = form.cleaned_data
    parent = None
    if data["parent"]:
        parent = Comment.objects.filter(pk=data["parent"]).first()
        if parent is None:
            form.add_error(None, _("The comment you are replying to is not available."))
            return _article_with_form(request, article, form, status=400)
    try:
        comment = submit_comment(
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
    except CommentRefused as refusal:
        form.add_error(None, refusal.message)
        return _article_with_form(request, article, form, status=refusal.status)

    if comment.is_approved:
        messages.success(request, _("Thank you: your comment is published."))
    else:
        messages.info(request, _("Thank you: your comment is awaiting moderation."))
    response = redirect(comment.get_absolute_url())
    if not comment.is_approved:
        _hold_for_reader(request, response, comment)
    _remember(request, response, data)
    return response


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


def _article_with_form(request, article, form, *, status):
    """Show the article again with the reader's form and text, and the reason it failed."""
    context = {**article_page(article), "comment_form": form}
    response = render(request, "articles/article_detail.html", context, status=status)
    if request.user.is_staff:
        add_never_cache_headers(response)  # as the article page itself does for staff
    return response
