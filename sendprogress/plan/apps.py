from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "sendprogress.plan"
    verbose_name = "Plan: areas, actions and measures"
