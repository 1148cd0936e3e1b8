"""`manage.py run_worker`: run queued tasks (TASKS_BACKEND=database), with a heartbeat.

django-tasks-db's `db_worker`, plus the heartbeat that lets the other workers requeue this
one's task if it is killed (taskqueue/heartbeats.py), and patience with the database: when
PostgreSQL restarts, the worker waits for it instead of exiting. Run one or more per machine.
With TASKS_BACKEND unset or "immediate" it refuses to start: there is no queue to read.
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django_tasks_db.management.commands import db_worker

from taskqueue import heartbeats

log = logging.getLogger(__name__)


class Worker(db_worker.Worker):
    def run(self):
        heartbeats.register(self.worker_id)
        heartbeats.requeue_abandoned()
        heart = heartbeats.Heart(self.worker_id)
        heart.start()
        try:
            while self.running:
                try:
                    return super().run()
                except (InterfaceError, OperationalError):
                    log.warning("task worker: database unavailable, waiting", exc_info=True)
                    self.wait_for_database()
        finally:
            heart.stop()
            heartbeats.unregister(self.worker_id)

    def wait_for_database(self):
        # The task this worker held (if any) may have stopped half-way: back in the queue.
        while self.running:
            connection.close()
            time.sleep(1)
            try:
                heartbeats.release(self.worker_id)
                return
            except DatabaseError:
                continue


class Command(db_worker.Command):
    help = "Run queued background tasks, with a heartbeat so that no task is lost."

    def handle(self, *args, **options):
        # db_worker builds its Worker by name inside handle(); give it ours.
        original, db_worker.Worker = db_worker.Worker, Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
