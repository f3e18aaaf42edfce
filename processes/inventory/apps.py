from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "processes.inventory"
    label = "inventory"
    verbose_name = "Inventory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from functools import partial

        from forms.choices import records_among, register_choices
        from processes.inventory import selectors

        register_choices(
            "warehouse",
            selectors.warehouse_choices,
            lookup=records_among(partial(selectors.warehouse_list, active=True)),
        )
