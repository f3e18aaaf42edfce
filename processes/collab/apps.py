from django.apps import AppConfig


class CollabConfig(AppConfig):
    name = "processes.collab"
    label = "collab"
    verbose_name = "Comments and attachments"

    def ready(self) -> None:
        from processes.collab.connector_info import INFO
        from processes.collab.connectors import CONNECTORS
        from processes.common.connectors import register_connectors

        register_connectors(CONNECTORS, INFO)
