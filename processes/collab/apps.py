from django.apps import AppConfig


class CollabConfig(AppConfig):
    name = "processes.collab"
    label = "collab"
    verbose_name = "Comments and attachments"
