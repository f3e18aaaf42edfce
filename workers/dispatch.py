"""Connect the engine's advance requests to Celery, or to the embedded worker."""

from django.conf import settings

from engine.dispatch import set_dispatcher
from processes.notifications import fanout


def install() -> None:
    if settings.CELERY_BROKER_URL:
        from .tasks import advance_instance

        set_dispatcher(lambda instance_id: advance_instance.delay(instance_id))
    else:
        from . import embedded

        set_dispatcher(embedded.enqueue)
        # Without a broker, who is told of a step is worked out in the embedded worker's
        # thread (or at once where none runs); with one, by the Celery task.
        fanout.set_runner(embedded.submit)
