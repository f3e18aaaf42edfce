from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "processes.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forms.choices import register_choices
        from processes.catalog import selectors
        from processes.catalog.models import Product

        register_choices("product", selectors.product_choices)
        for kind in Product.Kind.values:
            register_choices(f"product_{kind}", selectors.product_choices_of_kind(kind))
