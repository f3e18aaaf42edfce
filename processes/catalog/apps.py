from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "processes.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from functools import partial

        from forms.choices import records_among, register_choices
        from processes.catalog import selectors
        from processes.catalog.models import Product

        # A lookup reads the same records as its provider, for the submitted ids only.
        register_choices(
            "product",
            selectors.product_choices,
            lookup=records_among(partial(selectors.product_list, active=True)),
        )
        for kind in Product.Kind.values:
            register_choices(
                f"product_{kind}",
                selectors.product_choices_of_kind(kind),
                lookup=records_among(partial(selectors.product_list, kind=kind, active=True)),
            )
