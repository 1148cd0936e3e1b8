"""Every address of the admin, with a mistyped or hostile id: never a 500. The admin's own
refusal, not-found and error pages are admin pages in Arabic with a way back to the desk."""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver

from core import errors
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
# A parameter of a route (<path:object_id>) or of a regular expression (([^/]+)).
PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\((?:\?P<\w+>)?[^()]*\)")
MALFORMED = ["abc", "9" * 30, "٣٤", "1.5", "_zz", "%00", "%E2%80%AE", "99999", "a/b/c"]
# An address the substitution makes well-formed: "<id>/" + "1/change" is a real change page.
REAL_PAGE = re.compile(r".*/\d+/change/")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def admin_patterns(patterns=None, prefix=""):
    """Every pattern the admin answers (each ModelAdmin's get_urls, simple-history's and ours
    included), as text."""
    for pattern in admin.site.urls[0] if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def addresses(values):
    """The admin's addresses that take an id, with each value put where the ids go."""
    found = []
    for pattern in sorted(set(admin_patterns())):
        route = pattern.replace("^", "").replace("$", "")
        if PARAMETER.search(route):
            found += [ADMIN + PARAMETER.sub(value, route) for value in values]
    return found


def quoted(value):
    return value if value.startswith("%") else quote(value, safe="/")


def main(html):
    return re.search(r"<main\b[^>]*>(.*)</main>", html, re.S).group(1)


def visible(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def article(db):
    return ArticleFactory(title="خبر للعناوين المغلوطة")


def test_no_admin_address_answers_500_to_a_malformed_id(admin_client, article):
    # The id of a real article with a step of the path after it: what answered 500 before.
    values = [quoted(value) for value in [*MALFORMED, f"{article.pk}/change"]]
    walked = addresses(values)
    assert f"{ADMIN}articles/article/{article.pk}/change/history/" in walked
    assert any("/history/abc/" in address for address in walked)  # simple-history's revert
    assert any("/compare/" in address for address in walked)
    answers = {}
    for address in walked:
        response = admin_client.get(address, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else address
        status = response.status_code
        if status in {403, 404}:
            # The admin's own refusal and not-found pages, not the reader's.
            assert "admin/css/base.css" in response.content.decode(), address
        # Django's own views send an id that names nothing back to the desk, with a message;
        # a view that only takes a POST says so (405).
        elif status == 200 and landed == address and REAL_PAGE.fullmatch(address):
            continue
        elif not (status == 405 or (status == 200 and landed == ADMIN)):
            answers[address] = (status, landed)
    assert answers == {}


def test_anonymous_visitors_are_sent_to_sign_in_whatever_the_id(client, article):
    for address in addresses(["abc", quoted("٣٤"), f"{article.pk}/change"]):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(ADMIN + "login/"), address


def test_a_mistyped_admin_address_is_the_admins_404_with_the_way_back(admin_client, article):
    response = admin_client.get(f"{ADMIN}articles/article/{article.pk}/change/history/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'dir="rtl"' in html and "admin/css/base.css" in html
    assert "لا شيء على هذا العنوان في مكتب التحرير" in html
    assert f'href="{ADMIN}"' in main(html) and "العودة إلى مكتب التحرير" in html
    assert LATIN_WORD.findall(visible(main(html))) == []
    public = admin_client.get("/no-such-page/")
    assert public.status_code == 404 and "bootstrap.rtl" in public.content.decode()


def test_a_refusal_in_the_admin_is_an_admin_page_with_the_way_back(django_user_model, article):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.first_name = "موظف"
    clerk.save()
    client = Client()
    client.force_login(clerk)
    response = client.get(f"{ADMIN}articles/article/{article.pk}/history/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "admin/css/base.css" in html and "تم رفض الوصول" in html
    assert "ليست لديك صلاحية لفتح هذه الصفحة." in html
    assert f'href="{ADMIN}"' in main(html) and "العودة إلى مكتب التحرير" in html
    assert LATIN_WORD.findall(visible(main(html))) == []


def test_the_admins_500_page_is_arabic_and_needs_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = errors.server_error(rf.get(f"{ADMIN}articles/article/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert 'dir="rtl"' in html and "admin/css/base.css" in html
    assert "عذراً، حدث خطأ ما" in html and f'href="{ADMIN}"' in main(html)
    assert LATIN_WORD.findall(visible(main(html))) == []
