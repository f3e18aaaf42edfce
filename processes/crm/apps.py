from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "processes.crm"
    label = "crm"
    verbose_name = "Customers and suppliers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from forms.choices import register_choices
        from processes.crm import selectors

        register_choices("customer", selectors.customer_choices)
        register_choices("supplier", selectors.supplier_choices)
