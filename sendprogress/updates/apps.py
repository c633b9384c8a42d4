from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "sendprogress.updates"
    verbose_name = "Updates"
