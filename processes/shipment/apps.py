from django.apps import AppConfig


class ShipmentConfig(AppConfig):
    name = "processes.shipment"
    label = "shipment"
    verbose_name = "Shipment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.shipment.connector_info import INFO
        from processes.shipment.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)

        # Choice lists for the shipment process's forms.
        from forms.choices import register_choices
        from processes.shipment.process_choices import CHOICES as PROCESS_CHOICES

        for name, provider in PROCESS_CHOICES.items():
            register_choices(name, provider)
