from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content: it writes plans, figures and updates, so it sits on top."""

    name = "sendprogress.demo"
    label = "demo"
