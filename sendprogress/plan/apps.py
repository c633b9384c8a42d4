from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "sendprogress.plan"
    verbose_name = "Plan: inspections, findings, plans, actions and measures"

    def ready(self):
        from . import stored_progress

        stored_progress.connect()
