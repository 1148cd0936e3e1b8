import time

import pytest
from django.core import signing

from comments.forms import SIGNING_SALT


def issued(seconds_ago=10):
    """The form's signed timestamp as if the form had been shown `seconds_ago` seconds ago."""
    return signing.dumps(time.time() - seconds_ago, salt=SIGNING_SALT)


@pytest.fixture
def comment_data():
    """What a reader's browser sends: the visible fields plus the form's hidden ones."""

    def build(**fields):
        data = {
            "name": "سارة",
            "email": "sara@example.com",
            "url": "",
            "body": "شكراً على هذا التقرير المفصل.",
            "issued": issued(),
            "address": "",
            "parent": "",
        }
        data.update(fields)
        return data

    return build


@pytest.fixture
def moderator(db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "moderator", "moderator@example.com", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="مشرف التعليقات"))
    return user
