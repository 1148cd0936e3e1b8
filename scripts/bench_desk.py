"""The desk during `make bench`'s news traffic, through the services the admin calls.

    python scripts/bench_desk.py reset
    python scripts/bench_desk.py work START SECONDS APPROVE_EVERY PUBLISH_AT PUBLISH_EVERY

`work`, from START (seconds since the epoch) for SECONDS: a moderator approves the oldest held
comment of the bench's commenters every APPROVE_EVERY seconds, and an editor publishes a new
article PUBLISH_AT seconds in, then every PUBLISH_EVERY seconds; it prints what was done, as
JSON, when the time is up. Each approval
and publication invalidates the pages that show it, in this process (and so purges Varnish
when VARNISH_PURGE_URLS is set here too). `reset` removes what earlier runs added (the
commenters' and the spam bot's comments, the editor's articles) and makes sure the editor
exists. Run with the bench's environment (prod settings, its database and Redis).
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402

from articles import workflow  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from comments.models import Comment  # noqa: E402
from comments.services import moderate_comment  # noqa: E402

EDITOR, EDITORS = "bench-editor", "رئيس التحرير"
MODERATOR = "bench-moderator"  # made by bench_data
BENCH_EMAILS = ("@readers.bench.example", "@spam.bench.example")  # bench_writers.py


def reset():
    User = get_user_model()
    editor, _created = User.objects.get_or_create(username=EDITOR, defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name=EDITORS))
    for domain in BENCH_EMAILS:
        Comment.objects.filter(email__endswith=domain).delete()
    Article.objects.filter(author=editor).delete()


class Desk:
    def __init__(self):
        User = get_user_model()
        self.moderator = User.objects.get(username=MODERATOR)
        self.editor = User.objects.get(username=EDITOR)
        self.sections = list(Category.objects.order_by("position", "name"))
        self.done = {"approved": 0, "published": 0, "nothing_to_approve": 0, "seconds": []}

    def approve(self):
        held = Comment.objects.filter(
            status=Comment.Status.PENDING, email__endswith=BENCH_EMAILS[0]
        ).order_by("created_at", "pk")
        comment = held.first()
        if comment is None:
            self.done["nothing_to_approve"] += 1
            return
        self.timed(moderate_comment, comment, action="approve", by=self.moderator)
        self.done["approved"] += 1

    def publish(self):
        n = Article.objects.filter(author=self.editor).count() + 1
        draft = Article.objects.create(
            title=f"خبر عاجل من غرفة الأخبار رقم {n}",
            excerpt="ينشره رئيس التحرير أثناء قياس الأداء.",
            body="<p>نص الخبر العاجل.</p>",
            # Each run's publication in another section, the same one in every bench run.
            category=self.sections[n * 17 % len(self.sections)],
            author=self.editor,
            status=Article.Status.DRAFT,
        )
        self.timed(workflow.publish, draft, by=self.editor)
        self.done["published"] += 1

    def timed(self, service, *args, **kwargs):
        started = time.monotonic()
        service(*args, **kwargs)
        self.done["seconds"].append(round(time.monotonic() - started, 3))


def work(start, seconds, approve_every, publish_at, publish_every):
    """Approve and publish on time, from `start` (the readers' start) for `seconds`."""
    desk = Desk()
    every = {desk.approve: approve_every, desk.publish: publish_every}
    due = {desk.approve: approve_every / 2, desk.publish: publish_at}
    while min(due.values()) < seconds:
        action = min(due, key=due.get)
        time.sleep(max(0.0, start + due[action] - time.time()))
        action()
        due[action] += every[action]
    time.sleep(max(0.0, start + seconds - time.time()))
    print(json.dumps(desk.done))


if __name__ == "__main__":
    if sys.argv[1] == "reset":
        reset()
    else:
        work(*(float(value) for value in sys.argv[2:7]))
