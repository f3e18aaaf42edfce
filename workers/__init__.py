"""Background work: Celery tasks in production, an in-process worker in the embedded default."""

from .celery import app as celery_app

__all__ = ["celery_app"]
