from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "sendprogress.pages"
    verbose_name = "Information pages"
