from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "processes.crm"
    label = "crm"
    verbose_name = "Customers and suppliers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forms.choices import records_among, register_choices
        from processes.common.connectors import register_connectors
        from processes.crm import selectors
        from processes.crm.connectors import CONNECTORS

        register_connectors(CONNECTORS)

        # A lookup reads the same records as its provider, for the submitted ids only.
        register_choices(
            "customer", selectors.customer_choices, lookup=records_among(selectors.customers)
        )
        register_choices(
            "supplier", selectors.supplier_choices, lookup=records_among(selectors.suppliers)
        )
