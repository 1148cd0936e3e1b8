"""Brute force on the admin login is locked out for a while, with a clear Arabic message."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKED = "محاولات فاشلة كثيرة لتسجيل الدخول"


def attempt(client, username, password, ip="198.51.100.9", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


def test_five_failures_lock_the_account_even_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    for _ in range(5):
        assert attempt(client, "editor", "wrong").status_code == 200
    response = attempt(client, "editor", "correct-horse")
    assert response.status_code == 429
    assert (
        "تم إيقاف تسجيل الدخول مؤقتاً" in response.content.decode()
        or "15" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_usernames_is_locked_too(client):
    for n in range(5):
        attempt(client, f"user{n}", "wrong")
    assert attempt(client, "someone-else", "wrong").status_code == 429


def test_one_username_tried_from_many_addresses_is_locked_too(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    for n in range(5):
        attempt(client, "editor", "wrong", ip=f"203.0.113.{n + 1}")
    assert attempt(client, "editor", "correct-horse", ip="203.0.113.99").status_code == 429


def test_a_successful_login_clears_earlier_failures(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    for _ in range(4):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "correct-horse").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "editor", "wrong").status_code == 200


def test_the_lock_ends_15_minutes_after_the_last_failure(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, "editor", "wrong")
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert attempt(client, "editor", "correct-horse").status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, "editor", "correct-horse").status_code == 302


def test_behind_a_proxy_the_readers_own_address_is_locked(client, settings):
    settings.NEWSROOM_PROXY_COUNT = 1

    def via_proxy(username, forwarded):
        return attempt(client, username, "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    for n in range(5):
        via_proxy(f"user{n}", "203.0.113.5")
    assert via_proxy("other", "203.0.113.5").status_code == 429
    # Another reader behind the same proxy, and one forging the address further left, are not.
    assert via_proxy("other", "203.0.113.6").status_code == 200
    assert via_proxy("other", "203.0.113.5, 203.0.113.7").status_code == 200


def test_an_administrator_lifts_a_lock_in_the_admin(client, admin_client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    for _ in range(5):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "correct-horse").status_code == 429

    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor" in listing.content.decode()
    from axes.models import AccessAttempt

    pk = AccessAttempt.objects.get(username="editor").pk
    deleted = admin_client.post(f"/admin/axes/accessattempt/{pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302

    assert attempt(client, "editor", "correct-horse").status_code == 302


def test_the_lockout_page_is_arabic(client):
    for n in range(5):
        attempt(client, f"user{n}", "wrong")
    page = attempt(client, "someone-else", "wrong").content.decode()
    assert LOCKED in page
    assert 'lang="ar"' in page and 'dir="rtl"' in page


def test_the_attempts_in_the_admin_are_described_in_arabic(client, admin_client):
    for _ in range(5):
        attempt(client, "someone", "wrong")
    html = admin_client.get("/admin/axes/accessattempt/").content.decode()
    headings = re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    labels = [re.sub(r"<[^>]+>", "", heading).strip() for heading in headings]
    assert "الحالة" in labels and "موقوف" in html
    # Only the attempt's own data (username, address) may be Latin; no heading is.
    assert [label for label in labels if re.search(r"[A-Za-z]{3,}", label)] == []
    assert "حذف المحاولات المنتهية" in html
