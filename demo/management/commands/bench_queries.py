"""SQL queries per page for `make bench`, counted in-process with Django's test client."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print a JSON object: path -> SQL queries to render it (caches warm)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="paths; prefix with 'staff:' for the queue")

    def handle(self, *args, paths, **options):
        reader, staff = Client(), Client()
        staff.force_login(get_user_model().objects.get(username="bench-moderator"))
        counts = {}
        for path in paths:
            client, url = (staff, path[6:]) if path.startswith("staff:") else (reader, path)
            client.get(url, secure=True)  # settings and menus come from the cache afterwards
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url, secure=True).status_code
            counts[path] = {"status": status, "queries": len(queries)}
        self.stdout.write(json.dumps(counts))
