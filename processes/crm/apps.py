from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "processes.crm"
    label = "crm"
    verbose_name = "Customers and suppliers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from forms.choices import asker, records_among, register_choices
        from processes.access import parties_for
        from processes.common.connectors import register_connectors
        from processes.crm import selectors
        from processes.crm.connector_info import INFO
        from processes.crm.connectors import CONNECTORS

        register_connectors(CONNECTORS, INFO)
        # The search indexes a table rebuild may have dropped (processes/common/text_search.py).
        post_migrate.connect(_text_search_ensure, sender=self)

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


def _text_search_ensure(using: str = "default", **kwargs) -> None:
    from django.db import connections

    from processes.common.text_search import ensure

    ensure(connections[using])
