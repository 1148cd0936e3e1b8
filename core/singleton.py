"""One-row settings models, read once per request and cached between requests.

django-solo keeps the single row (pk 1) and its copy in the cache (SOLO_CACHE); we add the copy
per request (core.memo), since every date on a page asks for the site settings and solo would
go to the cache, Redis in production, for each one.
"""

from solo.models import SingletonModel as SoloSingletonModel

from core.memo import forget, per_request


class SingletonModel(SoloSingletonModel):
    CACHE_KEY = None  # set by each subclass

    class Meta:
        abstract = True

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget(self.CACHE_KEY)

    def delete(self, *args, **kwargs):
        forget(self.CACHE_KEY)
        return super().delete(*args, **kwargs)

    @classmethod
    def get_cache_key(cls):
        return cls.CACHE_KEY

    @classmethod
    def current(cls):
        return per_request(cls.CACHE_KEY, cls.get_solo)
