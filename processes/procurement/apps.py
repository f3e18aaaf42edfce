from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "processes.procurement"
    label = "procurement"
    verbose_name = "Procurement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from processes.common.connectors import register_connectors
        from processes.procurement.connectors import CONNECTORS

        register_connectors(CONNECTORS)

        # Choice lists for the procurement process's forms.
        from forms.choices import register_choices
        from processes.procurement.process_choices import CHOICES as PROCESS_CHOICES

        for name, provider in PROCESS_CHOICES.items():
            register_choices(name, provider)
