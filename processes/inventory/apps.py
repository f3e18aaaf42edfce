from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "processes.inventory"
    label = "inventory"
    verbose_name = "Inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from functools import partial

        from forms.choices import records_among, register_choices
        from processes.catalog.selectors import product_list
        from processes.inventory import selectors

        # Entering an order: products with their list price and available stock.
        register_choices(
            "product_for_sale",
            selectors.product_sale_choices,
            lookup=records_among(partial(product_list, active=True)),
        )
        register_choices(
            "warehouse",
            selectors.warehouse_choices,
            lookup=records_among(partial(selectors.warehouse_list, active=True)),
        )
