from django.apps import AppConfig


class OwnershipConfig(AppConfig):
    name = "processes.ownership"
    label = "ownership"
    verbose_name = "Documents owned by processes"
