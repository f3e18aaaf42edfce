from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "processes.kpis"
    label = "kpis"
    verbose_name = "Key figures"
