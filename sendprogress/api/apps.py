from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sendprogress.api"
    label = "api"
    verbose_name = "Open data API"
