from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "processes.crm"
    label = "crm"
    verbose_name = "Customers and suppliers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forms.choices import asker, records_among, register_choices
        from processes.access import parties_for
        from processes.common.connectors import register_connectors
        from processes.crm import selectors
        from processes.crm.connector_info import INFO
        from processes.crm.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)

        def seen_customers():
            """The active customers, those the person asking sees (all for a worker)."""
            person = asker()
            found = selectors.customers()
            return found if person is None else parties_for(person, found)

        # A lookup reads the same records as its provider, for the submitted ids only.
        register_choices(
            "customer",
            lambda: list(seen_customers().values_list("id", "name")),
            lookup=records_among(seen_customers),
        )
        register_choices(
            "supplier", selectors.supplier_choices, lookup=records_among(selectors.suppliers)
        )
