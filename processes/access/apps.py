from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "processes.access"
    label = "access"
    verbose_name = "Access rights"
