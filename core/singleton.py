"""One-row settings models, read once per request and cached between requests."""

from django.core.cache import cache
from django.db import models

from core.memo import forget, per_request


class SingletonModel(models.Model):
    CACHE_KEY = None  # set by each subclass

    class Meta:
        abstract = True

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
        forget(self.CACHE_KEY)

    @classmethod
    def current(cls):
        return per_request(cls.CACHE_KEY, cls._from_cache)

    @classmethod
    def _from_cache(cls):
        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, found, 3600)
        return found
