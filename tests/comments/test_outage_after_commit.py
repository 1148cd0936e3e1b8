"""A comment that was stored is answered with success, even if the database goes away right
after its commit: what the reader's page remembers (their held comment, the thank-you note)
travels in signed cookies, not in a session written to the database."""

import pytest
from django.db import OperationalError, connection, transaction
from django.db.models.signals import post_save

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_lost_after_a_comment_commits():
    """From the commit of a comment on, every query fails as with a database that is gone."""
    lost = []

    def on_save(sender, instance, created, **kwargs):
        if created:
            transaction.on_commit(lambda: lost.append(True))

    def execute(run, sql, params, many, context):
        if lost:
            raise OperationalError("server closed the connection unexpectedly")
        return run(sql, params, many, context)

    post_save.connect(on_save, sender=Comment, dispatch_uid="test-lost-after-commit")
    with connection.execute_wrapper(execute):
        yield lost
    post_save.disconnect(dispatch_uid="test-lost-after-commit", sender=Comment)
    lost.clear()


def test_a_held_comment_is_answered_with_success_and_shown_to_its_author(
    client, comment_data, database_lost_after_a_comment_commits
):
    article = ArticleFactory()
    body = "تعليق وصل قبل انقطاع قاعدة البيانات مباشرة"
    response = client.post(f"/comments/post/{article.pk}/", comment_data(body=body))
    assert database_lost_after_a_comment_commits == [True]  # the outage did happen
    assert response.status_code == 302
    database_lost_after_a_comment_commits.clear()  # the database is back

    comment = Comment.objects.get(body=body)
    assert comment.status == Comment.Status.PENDING
    page = client.get(response["Location"]).content.decode()
    assert body in page and "تعليقك بانتظار المراجعة" in page
    assert "sessionid" not in response.cookies
