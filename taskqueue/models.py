from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskWorker(models.Model):
    """A running `run_worker` process, as long as it keeps beating.

    A worker killed outright (SIGKILL, the OOM killer, a lost machine) never marks its task as
    finished; the task would stay RUNNING for ever. Its heartbeat stops instead, and the other
    workers put the task back in the queue (taskqueue.heartbeats.requeue_abandoned).
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    seen_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return f"{self.host}:{self.pid}"
