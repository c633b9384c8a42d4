from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sendprogress.reports"
    label = "reports"
    verbose_name = "Progress reports"
