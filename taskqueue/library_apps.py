"""The configuration of django-tasks-db under an Arabic name (settings: INSTALLED_APPS).

Its own verbose name is a plain English string; its admin is replaced in taskqueue/admin.py.
"""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
