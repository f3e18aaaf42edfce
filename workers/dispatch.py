"""Connect the engine's advance requests to Celery, or to the embedded worker."""

from django.conf import settings

from engine.dispatch import set_dispatcher


def install() -> None:
    if settings.CELERY_BROKER_URL:
        from .tasks import advance_instance

        set_dispatcher(lambda instance_id: advance_instance.delay(instance_id))
    else:
        from . import embedded

        set_dispatcher(embedded.enqueue)
