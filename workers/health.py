"""Is background work being done? Answered for the health check."""

import time
from functools import lru_cache

from django.conf import settings

SWEEP_MARK = "hypercrm:sweep:last"
SWEEP_STALE_S = 30


@lru_cache(maxsize=1)
def _redis():
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)


def mark_sweep() -> None:
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        _redis().set(SWEEP_MARK, time.time(), ex=3600)


def worker_status() -> str:
    """ "ok" when work is being done, else what is wrong (never raises)."""
    if not settings.CELERY_BROKER_URL:
        from . import embedded

        return (
            "embedded"
            if embedded.is_running() or not settings.EMBEDDED_WORKER
            else "embedded worker stopped"
        )
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return "ok"
    try:
        last = _redis().get(SWEEP_MARK)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"broker unreachable: {exc}"
    if last is None:
        return "no sweep has run yet (is celery beat running?)"
    age = time.time() - float(last)
    return "ok" if age < SWEEP_STALE_S else f"no sweep for {int(age)} s (is celery beat running?)"
