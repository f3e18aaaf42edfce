from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "workers"
    verbose_name = "Background workers"

    def ready(self) -> None:
        from . import dispatch

        dispatch.install()
