"""The Celery app: `celery -A workers worker` and `celery -A workers beat` in production."""

import os

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hypercrm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workers"])


@task_postrun.connect
def close_old_connections(**_kwargs) -> None:
    """After a task, as after a request: close the database connections that broke or are
    older than CONN_MAX_AGE, keep the others (CELERY_DB_REUSE_MAX)."""
    from django.db import close_old_connections

    close_old_connections()
