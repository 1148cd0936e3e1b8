"""Brute force on the admin login is locked out for a while, with a clear Arabic message."""

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def attempt(client, username, password, ip="198.51.100.9"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


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


def test_a_successful_login_clears_earlier_failures(client, django_user_model):
    django_user_model.objects.create_user("editor", password="correct-horse", is_staff=True)
    for _ in range(4):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "correct-horse").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "editor", "wrong").status_code == 200
