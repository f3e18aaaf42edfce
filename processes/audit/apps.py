from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "processes.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from .middleware import connect_receiver

        connect_receiver()
