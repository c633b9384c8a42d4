from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "sendprogress.plan"
    verbose_name = "Plan: inspections, findings, plans, actions and measures"
