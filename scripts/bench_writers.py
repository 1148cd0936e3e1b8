"""Commenters and a spam bot for `make bench`'s news traffic, over HTTP as browsers send it.

    python scripts/bench_writers.py PORT SECONDS COMMENTS_PER_SECOND SPAM_PER_SECOND

Commenters write where they read (the articles' popularity, from var/bench/news-articles.json):
each fetches the form's token as the page's script does, takes at least the site's 3 seconds
to write, and posts. Each is a new reader (own name, email and address, so the site holds the
comment: no earlier approved one) and the flood rule (one comment per email or address in
15 s) never refuses them. The spam bot fetches one token and then posts at its rate, links
in every body, from a new address each time, as a botnet would. Prints what the site
answered, as JSON, when the time is up.
"""

import json
import random
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from bench_traffic import READ_ARTICLES
from soak_client import Client

COMMENTER_DOMAIN = "readers.bench.example"  # the moderator approves these (bench_desk.py)
SPAM_DOMAIN = "spam.bench.example"
WRITING_SECONDS = 3.5  # the form must be at least 3 s old


class Writers:
    def __init__(self, port):
        self.port = port
        self.articles = json.loads(READ_ARTICLES.read_text())
        self.weights = [article["weight"] for article in self.articles]
        self.answers = {"commenters": Counter(), "spam": Counter()}
        self.post_seconds = []
        self.serial = 0
        self.lock = threading.Lock()
        self.random = random.Random()
        # In every body: the same reader number in another run is not a repeated comment.
        self.run = int(time.time() * 1000) % 1_000_000
        self.network = int(time.time()) % 200  # a run's addresses differ from the last run's

    def next_person(self):
        """A serial number that gives a new name, email and IPv4 address (10.x.y.z)."""
        with self.lock:
            self.serial += 1
            n = self.serial
        return n, f"10.{self.network}.{n // 250 % 250}.{n % 250 + 1}"

    def article(self):
        return self.random.choices(self.articles, weights=self.weights)[0]

    def token(self, client):
        response = client.get("/comments/form-token/")
        if response.status != 200:
            raise RuntimeError(f"form token answered {response.status}")
        return json.loads(response.body)

    def post(self, kind, client, token, fields):
        article = self.article()
        fields = {**fields, "issued": token["issued"], "csrfmiddlewaretoken": token["csrf"]}
        response = client.post(f"/comments/post/{article['id']}/", fields)
        with self.lock:
            self.answers[kind][str(response.status)] += 1
            self.post_seconds.append(response.seconds)

    def guarded(self, kind, task, *args):
        """Run a writer; an exception is counted as its answer (a pool would swallow it)."""
        try:
            task(*args)
        except Exception as error:  # noqa: BLE001  (reported, never hidden)
            with self.lock:
                self.answers[kind][type(error).__name__] += 1

    def commenter(self):
        """A new reader: the form's token, the time to write, the comment."""
        n, ip = self.next_person()
        client = Client(self.port, ip)
        token = self.token(client)
        time.sleep(WRITING_SECONDS)
        fields = {
            "name": f"قارئ جديد {n}",
            "email": f"reader{n}-{int(time.time())}@{COMMENTER_DOMAIN}",
            "body": f"تعليق القارئ {n}-{self.run}: شكراً على هذا الخبر، وأرجو متابعة الموضوع.",
        }
        self.post("commenters", client, token, fields)

    def spam(self, cookies, token):
        n, ip = self.next_person()
        client = Client(self.port, ip)
        client.cookies = dict(cookies)
        fields = {
            "name": f"عروض {n}",
            "email": f"offer{n}-{int(time.time())}@{SPAM_DOMAIN}",
            "body": f"عرض {n}-{self.run} https://spam.example/a{n} https://spam.example/b{n}",
        }
        self.post("spam", client, token, fields)


def paced(pool, rate, seconds, task, *args):
    """Submit `task` `rate` times a second for `seconds`, on time whatever the answers take."""
    if rate <= 0:
        return
    started = time.monotonic()
    for n in range(int(rate * seconds)):
        time.sleep(max(0.0, started + n / rate - time.monotonic()))
        pool.submit(task, *args)


def spam_bot(writers, pool, rate, seconds):
    if rate <= 0:
        return
    client = Client(writers.port, "10.255.255.254")
    token = writers.token(client)
    time.sleep(WRITING_SECONDS)  # bots learn the rules too
    spam = (writers.spam, client.cookies, token)
    paced(pool, rate, seconds - WRITING_SECONDS, writers.guarded, "spam", *spam)


def main(port, seconds, comment_rate, spam_rate):
    writers = Writers(port)
    with ThreadPoolExecutor(64) as pool:
        bot = threading.Thread(target=spam_bot, args=(writers, pool, spam_rate, seconds))
        bot.start()
        # The last commenters start early enough to post before the time is up.
        commenter = (writers.guarded, "commenters", writers.commenter)
        paced(pool, comment_rate, seconds - WRITING_SECONDS, *commenter)
        bot.join()
    latencies = sorted(writers.post_seconds)
    report = {kind: dict(counts) for kind, counts in writers.answers.items()}
    report["post_p50_ms"] = percentile(latencies, 0.5)
    report["post_p99_ms"] = percentile(latencies, 0.99)
    print(json.dumps(report))


def percentile(values, share):
    if not values:
        return None
    return round(values[min(len(values) - 1, int(len(values) * share))] * 1000, 1)


if __name__ == "__main__":
    port, seconds, comment_rate, spam_rate = sys.argv[1:5]
    main(int(port), float(seconds), float(comment_rate), float(spam_rate))
