from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "sendprogress.engagement"
    verbose_name = "Families' views"
