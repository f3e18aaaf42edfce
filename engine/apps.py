from django.apps import AppConfig


class EngineConfig(AppConfig):
    name = "engine"
    verbose_name = "Process engine"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .builtin_connectors import register_builtin_connectors

        register_builtin_connectors()
        # A signal a process throws is broadcast once its step commits (signal_waits).
        from .services.signal_events import broadcast_thrown
        from .services.signal_waits import set_broadcaster

        set_broadcaster(broadcast_thrown)
