from django.db import models


class PublicContentVersion(models.Model):
    """One row: a number that changes whenever anything public may have changed.

    Cached public pages are keyed by it, so changing it retires every cached
    page at once. It lives here when the page cache is local to each process
    (no REDIS_URL), so that every gunicorn worker sees a change on its next
    request; with Redis it lives in Redis instead (see versions.py).
    """

    number = models.BigIntegerField()

    class Meta:
        verbose_name = "public content version"

    def __str__(self) -> str:
        return f"Public content version {self.number}"
