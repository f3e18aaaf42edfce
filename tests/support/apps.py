from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "tests.support"
    label = "test_support"

    def ready(self) -> None:
        from .connectors import register

        register()
