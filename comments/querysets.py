from django.db import models


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """What readers may see, defined once."""
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def visible_to(self, own_ids=()):
        """Approved comments, plus the held ones this reader wrote (their ids from the session)."""
        mine = models.Q(pk__in=list(own_ids), status=self.model.Status.PENDING)
        return self.filter(models.Q(status=self.model.Status.APPROVED) | mine)
