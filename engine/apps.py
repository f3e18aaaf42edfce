from django.apps import AppConfig


class EngineConfig(AppConfig):
    name = "engine"
    verbose_name = "Process engine"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .builtin_connectors import register_builtin_connectors

        register_builtin_connectors()
