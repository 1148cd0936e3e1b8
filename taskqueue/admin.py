"""The queued tasks in the admin, every word of it Arabic.

django-tasks-db's admin titles two columns with untranslated strings and its task name from
a property; Django's catalogue lacks the words of the task statuses. The words are named here
so that `make messages` keeps their Arabic in ours, and this admin replaces the library's.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

LIBRARY_WORDS = [
    # django.tasks.TaskResultStatus
    gettext_noop("Ready"),
    gettext_noop("Running"),
    gettext_noop("Failed"),
    gettext_noop("Successful"),
    # django_tasks_db.models.DBTaskResult
    gettext_noop("enqueued at"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("args kwargs"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("backend name"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
]

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ("id", "task", *DBTaskResultAdmin.list_display[2:])

    @admin.display(description=_("task"))
    def task(self, result):
        return result.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, result):
        return super().formatted_traceback(result)

    @admin.display(description=_("run after"))
    def display_run_after(self, result):
        return super().display_run_after(result)
