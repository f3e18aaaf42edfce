from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "processes.sales"
    label = "sales"
    verbose_name = "Sales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.sales.connector_info import INFO
        from processes.sales.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)
