from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskqueueConfig(AppConfig):
    """The task workers' heartbeats and `run_worker`, beside django-tasks-db's queue."""

    name = "taskqueue"
    verbose_name = _("Task queue")
