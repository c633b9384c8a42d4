from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "sendprogress.caching"
    verbose_name = "public page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect()
