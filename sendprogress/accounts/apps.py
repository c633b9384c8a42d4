from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendprogress.accounts"
    verbose_name = "Staff accounts"
