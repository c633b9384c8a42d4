from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    name = "sendprogress.embeds"
    label = "embeds"
    verbose_name = "Embeddable charts"
