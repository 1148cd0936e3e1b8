"""Imported held comments say why they wait, in the moderation queue like every held comment."""

import pytest

from comments.models import Comment
from tests.wordpress.exports import comment, post, run, write, wxr

pytestmark = pytest.mark.django_db

HELD_IN_WORDPRESS = "Held in WordPress before the import."  # as `run` stores it (English)


def with_approval(comment_xml, approved):
    return comment_xml.replace("<wp:comment_approved>1<", f"<wp:comment_approved>{approved}<")


def test_comments_held_in_wordpress_carry_that_reason_into_the_queue(tmp_path, client, editor):
    comments = "".join(
        with_approval(comment(wp_id), approved)
        for wp_id, approved in [(1, "1"), (2, "0"), (3, "spam"), (4, "a-status-of-a-plugin")]
    )
    run(write(tmp_path, "export.xml", wxr([post(1, "One", extra=comments)])))

    reasons = dict(Comment.objects.values_list("body", "reason"))
    assert reasons == {
        "Comment 1": "",
        "Comment 2": HELD_IN_WORDPRESS,
        "Comment 3": "",
        "Comment 4": HELD_IN_WORDPRESS,  # an unknown status is held, so it says so too
    }
    assert not Comment.objects.pending().filter(reason="").exists()
    client.force_login(editor)
    queue = client.get("/admin/comments/comment/").content.decode()
    assert queue.count(HELD_IN_WORDPRESS) == 2
