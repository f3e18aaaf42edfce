from django.apps import AppConfig


class ProductionConfig(AppConfig):
    name = "processes.production"
    label = "production"
    verbose_name = "Production"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.production.connector_info import INFO
        from processes.production.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)
