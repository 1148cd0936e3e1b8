"""Readers without JavaScript comment from pages shared by the page cache; a refused comment
comes back on a page of the site, in a form that one click sends, and is never lost.

The readers here are clients that enforce CSRF as a browser's session would meet it, and send
the headers a browser sends with a form (Origin, Sec-Fetch-Site), or none of them.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from comments.forms import MAX_SECONDS, MIN_SECONDS, SIGNING_SALT
from comments.models import Comment
from comments.services import FLOOD_SECONDS
from tests.factories import ArticleFactory, CommentFactory
from tests.wsgi import get

pytestmark = pytest.mark.django_db

BROWSER = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
TEXT = "رأيي أن الجسر\nسيغيّر حياة الحي"


class Forms(HTMLParser):
    """The fields each form of a page sends as it stands, by the form's action."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.fields, self.textarea = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.fields = self.forms.setdefault(attrs.get("action"), {})
        elif self.fields is None or not attrs.get("name"):
            return
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""
        elif tag == "input" and attrs.get("type") not in ("submit", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            # As a browser reads it: the newline right after <textarea> is not part of the text.
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "form":
            self.fields = None


def form_of(html, action):
    return dict(Forms(html).forms[action])


def filled(fields, **values):
    return {**fields, "body": TEXT, "name": "سارة", "email": "sara@example.com", **values}


def signed_age(fields):
    return time.time() - float(signing.loads(fields["issued"], salt=SIGNING_SALT))


@pytest.fixture
def article():
    return ArticleFactory(title="افتتاح الجسر الجديد")


@pytest.fixture
def action(article):
    return reverse("comments:post", kwargs={"article_id": article.pk})


@pytest.fixture
def cached_form(wsgi_app, article, action):
    """The blank comment form as readers get it: from a page served by the page cache."""
    get(wsgi_app, article.get_absolute_url())
    _status, headers, html = get(wsgi_app, article.get_absolute_url())
    assert headers["X-Page-Cache"] == "hit"
    assert "<noscript" not in html
    return form_of(html, action)


@pytest.fixture
def reader():
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.7")


def test_a_form_from_a_cached_page_is_sent_without_a_token(clock, cached_form, reader, action):
    assert cached_form["csrfmiddlewaretoken"] == ""
    clock.shift(MIN_SECONDS)
    response = reader.post(action, filled(cached_form), headers=BROWSER)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert (comment.body, comment.status) == (TEXT, Comment.Status.PENDING)
    page = reader.get(response["Location"]).content.decode()
    assert "تعليقك بانتظار المراجعة" in page and "سيغيّر حياة الحي" in page


def test_the_origin_alone_is_enough_where_browsers_send_no_fetch_metadata(
    clock, cached_form, reader, action
):
    """Browsers send Sec-Fetch-Site over HTTPS only; every form POST carries its Origin."""
    clock.shift(MIN_SECONDS)
    response = reader.post(action, filled(cached_form), headers={"Origin": "http://testserver"})
    assert response.status_code == 302 and Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver.evil.example", "Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["cross-site", "foreign origin", "opaque origin", "sibling site", "no origin"],
)
def test_posts_from_other_sites_are_refused_and_the_text_comes_back(
    clock, cached_form, reader, action, headers
):
    clock.shift(MIN_SECONDS)
    response = reader.post(action, filled(cached_form), headers=headers)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "أُرسل هذا النموذج من موقع آخر" in html
    assert form_of(html, action)["body"] == TEXT


@override_settings(CSRF_TRUSTED_ORIGINS=["https://www.example.org", "https://*.example.net"])
@pytest.mark.parametrize(
    "origin, status",
    [
        ("https://www.example.org", 302),
        ("https://m.example.net", 302),
        ("http://m.example.net", 403),
        ("https://example.org", 403),
    ],
)
def test_trusted_origins_may_post_from_a_sibling_site(
    clock, cached_form, reader, action, origin, status
):
    clock.shift(MIN_SECONDS)
    headers = {"Origin": origin, "Sec-Fetch-Site": "same-site"}
    assert reader.post(action, filled(cached_form), headers=headers).status_code == status


def test_a_client_that_says_nothing_gets_a_fresh_form_that_one_click_sends(
    clock, cached_form, reader, action
):
    """An old browser sends neither header: Django's token check applies, and the refusal
    page holds a token of its own and a timestamp that is not "too fast"."""
    clock.shift(MIN_SECONDS)
    refused = reader.post(action, filled(cached_form))
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "انتهت صلاحية النموذج" in html
    again = form_of(html, action)
    assert again["body"] == TEXT and again["csrfmiddlewaretoken"]
    response = reader.post(action, again)  # at once, with the cookie the page set
    assert response.status_code == 302
    assert Comment.objects.get().body == TEXT


@pytest.mark.parametrize(
    "case, status, message",
    [
        ("expired", 400, "انتهت صلاحية النموذج"),
        ("too fast", 400, "أُرسل النموذج بسرعة كبيرة"),
        ("flood", 429, "أنت ترسل التعليقات بسرعة كبيرة"),
        ("duplicate", 409, "وصلنا هذا التعليق سابقاً"),
        ("invalid email", 400, "أدخِل عنوان بريد إلكتروني صحيح."),
        ("honeypot", 400, "تعذّر قبول تعليقك."),
        ("closed", 403, "التعليقات مغلقة على هذه المقالة."),
        ("taken down", 404, "لا تقبل هذه المقالة تعليقات"),
    ],
)
def test_every_refusal_is_a_page_of_the_site_that_keeps_the_text(
    clock, cached_form, reader, article, action, case, status, message
):
    data = filled(cached_form)
    clock.shift(MIN_SECONDS)
    if case == "expired":
        clock.shift(MAX_SECONDS)
    elif case == "too fast":
        data["issued"] = signing.dumps(time.time(), salt=SIGNING_SALT)
    elif case == "flood":
        CommentFactory(email="sara@example.com", created_at=timezone.now())
    elif case == "duplicate":
        CommentFactory(article=article, email="sara@example.com", body=TEXT)
    elif case == "invalid email":
        data["email"] = "sara-at-example"
    elif case == "honeypot":
        data["address"] = "12 Main St"
    elif case == "closed":
        article.comments_open = False
        article.save()
    elif case == "taken down":
        article.status = "draft"
        article.save()
    before = Comment.objects.count()
    response = reader.post(action, data, headers=BROWSER)
    html = response.content.decode()
    assert response.status_code == status
    assert Comment.objects.count() == before
    assert 'lang="ar" dir="rtl"' in html and 'class="site-name"' in html  # the site's header
    assert "لم يُرسَل تعليقك بعد" in html and message in html
    assert "no-cache" in response["Cache-Control"]
    again = form_of(html, action)
    assert (again["body"], again["name"], again["email"]) == (TEXT, "سارة", data["email"])
    assert again["address"] == "" and again["csrfmiddlewaretoken"]
    assert MIN_SECONDS <= signed_age(again) < MIN_SECONDS + 1


@pytest.mark.parametrize("late", [MAX_SECONDS + 1, 0])
def test_an_expired_or_too_fast_form_is_sent_by_one_more_click(
    clock, cached_form, reader, action, late
):
    data = filled(cached_form)
    clock.shift(late)
    if not late:
        data["issued"] = signing.dumps(time.time(), salt=SIGNING_SALT)
    refused = reader.post(action, data, headers=BROWSER)
    assert refused.status_code == 400
    response = reader.post(action, form_of(refused.content.decode(), action), headers=BROWSER)
    assert response.status_code == 302
    assert Comment.objects.get().body == TEXT


def test_a_flooded_comment_is_sent_by_one_click_after_the_wait(clock, cached_form, reader, action):
    clock.shift(MIN_SECONDS)
    CommentFactory(email="sara@example.com", created_at=timezone.now())
    refused = reader.post(action, filled(cached_form), headers=BROWSER)
    assert refused.status_code == 429
    clock.shift(FLOOD_SECONDS + 1)
    response = reader.post(action, form_of(refused.content.decode(), action), headers=BROWSER)
    assert response.status_code == 302


def test_a_refused_reply_stays_a_reply(clock, cached_form, reader, article, action):
    parent = CommentFactory(article=article)
    data = filled(cached_form, parent=parent.pk, email="")
    clock.shift(MIN_SECONDS)
    refused = reader.post(action, data, headers=BROWSER)
    again = form_of(refused.content.decode(), action)
    assert again["parent"] == str(parent.pk)
    reader.post(action, {**again, "email": "sara@example.com"}, headers=BROWSER)
    assert Comment.objects.get(body=TEXT).parent == parent


def test_the_heading_counts_the_readers_own_held_comment(clock, cached_form, reader, article):
    clock.shift(MIN_SECONDS)
    action = reverse("comments:post", kwargs={"article_id": article.pk})
    reader.post(action, filled(cached_form), headers=BROWSER)
    mine = reader.get(article.get_absolute_url()).content.decode()
    heading = re.search(r'<h2 id="comments-title"[^>]*>([^<]*)</h2>', mine).group(1)
    assert heading == "تعليق واحد"
    CommentFactory(article=article)
    mine = reader.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<h2 id="comments-title"[^>]*>([^<]*)</h2>', mine).group(1) == "تعليقان"
    others = Client().get(article.get_absolute_url()).content.decode()
    assert re.search(r'<h2 id="comments-title"[^>]*>([^<]*)</h2>', others).group(1) == (
        "تعليق واحد"
    )


def test_replies_from_the_newsroom_are_marked_as_the_editorial_teams(client, article):
    reader_comment = CommentFactory(article=article, name="قارئ")
    CommentFactory(article=article, parent=reader_comment, name="هالة", from_staff=True)
    html = client.get(article.get_absolute_url()).content.decode()
    badge = '<span class="comment-staff badge text-bg-secondary">فريق التحرير</span>'
    assert html.count(badge) == 1
    assert re.search(r"هالة</bdi>\s*" + re.escape(badge), html)
