from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "sendprogress.security"
    verbose_name = "Security"

    def ready(self):
        from . import signals  # noqa: F401
