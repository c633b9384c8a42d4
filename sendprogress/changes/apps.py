from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "sendprogress.changes"
    label = "changes"
    verbose_name = "What has changed"
