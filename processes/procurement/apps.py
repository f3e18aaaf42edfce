from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "processes.procurement"
    label = "procurement"
    verbose_name = "Procurement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.procurement.connector_info import INFO
        from processes.procurement.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)

        # Choice lists for the procurement process's forms.
        from forms.choices import records_among, register_choices
        from processes.catalog.models import Product
        from processes.procurement.process_choices import CHOICES as PROCESS_CHOICES

        # The records bought_product_choices lists, read for the submitted ids only.
        lookups = {
            "product_bought": records_among(
                lambda: Product.objects.filter(is_active=True).exclude(
                    kind=Product.Kind.MANUFACTURED
                )
            )
        }
        for name, provider in PROCESS_CHOICES.items():
            register_choices(name, provider, lookup=lookups.get(name))
