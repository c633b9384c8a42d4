from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Small shared helpers at the bottom of the project: every app may use them."""

    name = "sendprogress.core"
    verbose_name = "Shared helpers"
