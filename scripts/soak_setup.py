"""Run inside `manage.py shell` by the soak: what the scenarios need, printed as JSON.

A draft to publish through one server, two held comments to approve through it, a news source
whose feed hangs (the worker fetching it gets killed), and the readers' list of pages.
"""

import json
import os

from django.contrib.auth import get_user_model

from articles.models import Article, Category, Source, SourceFeed
from comments.models import Comment

# The desk's address: held comments are mailed to moderators by the task worker.
get_user_model().objects.filter(username="admin").update(email="desk@example.org")
published = list(Article.objects.published().order_by("-published_at"))
published[0].url = published[0].get_absolute_url()
section = published[0].category
draft = Article.objects.create(
    title="مقال يُنشر عبر الخادم الأول أثناء اختبار التحمل",
    excerpt="يظهر للقراء على الخادم الثاني خلال ثانية.",
    body="<p>نص المقال.</p>",
    category=section,
    author=get_user_model().objects.get(username="admin"),
    status=Article.Status.DRAFT,
)
held = [
    Comment.objects.create(
        article=published[0],
        name="قارئ ينتظر",
        email=f"held{n}@example.org",
        body=f"soak-held-{n} تعليق ينتظر المراجعة",
        status=Comment.Status.PENDING,
        ip="192.0.2.10",
    )
    for n in (1, 2)
]
source = Source.objects.create(
    name="وكالة الطابور", publish_directly=True, default_category=section, active=True
)
SourceFeed.objects.create(source=source, url=os.environ["SOAK_FEED_URL"])
# Only the hanging feed is polled in the scenario.
Source.objects.exclude(pk=source.pk).update(active=False)

print(
    json.dumps(
        {
            "articles": [(a.pk, a.get_absolute_url()) for a in published],
            "sections": [c.get_absolute_url() for c in Category.objects.all()],
            "draft": {"id": draft.pk, "url": draft.get_absolute_url(), "title": draft.title},
            "held": [
                {
                    "id": c.pk,
                    "marker": c.body.split()[0],
                    "article_url": c.article.get_absolute_url(),
                }
                for c in held
            ],
        }
    )
)
