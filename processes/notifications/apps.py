from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "processes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from processes.notifications import (
            fanout,
            marks,
            tasks,  # noqa: F401  (registers the Celery tasks)
        )

        fanout.connect()
        marks.connect()
