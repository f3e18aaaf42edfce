from django.apps import AppConfig


class ShipmentConfig(AppConfig):
    name = "processes.shipment"
    label = "shipment"
    verbose_name = "Shipment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.shipment.connectors import CONNECTORS

        register_connectors(CONNECTORS)
