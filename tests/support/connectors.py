"""Connectors for tests: a counter written in the step's transaction, and a slow one."""

import time

from django.db.models import F

from engine.connectors import register_connector


def count(params, *, data):
    from .models import Counter

    name = str(params.get("counter") or "default")
    Counter.objects.get_or_create(name=name)
    Counter.objects.filter(name=name).update(value=F("value") + 1)
    time.sleep(float(params.get("sleep") or 0))
    return {"counted": name}


def register() -> None:
    register_connector("count", count)
