from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "sendprogress.staff"
    verbose_name = "Staff pages"
