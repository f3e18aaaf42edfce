from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "processes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from engine import signals
        from processes.notifications import (
            subscribers,
            tasks,  # noqa: F401  (registers the Celery task)
        )

        signals.task_handed_over.connect(
            subscribers.on_task_handed_over, dispatch_uid="notifications.task"
        )
        signals.task_created.connect(subscribers.on_task_created, dispatch_uid="notifications.new")
        signals.incident_opened.connect(
            subscribers.on_incident_opened, dispatch_uid="notifications.incident"
        )
        signals.instance_ended.connect(
            subscribers.on_instance_ended, dispatch_uid="notifications.ended"
        )
        signals.swept.connect(subscribers.on_swept, dispatch_uid="notifications.sweep")
