"""What /metrics tells Prometheus: the work in the database, the queues, the steps.

The counts (instances by status, open tasks by group, open incidents, timer lateness, queue
length) are read from the database and the broker at each scrape, so every web process
answers the same. Step latency is measured where steps run (the embedded worker, Celery
workers): with PROMETHEUS_MULTIPROC_DIR set for all processes of a machine, one scrape
sees them all (docs/operations.md).
"""

import os
import time
from collections import Counter

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from engine.models import HumanTask, Incident, ProcessInstance, Timer

STEP_SECONDS = Histogram(
    "hypercrm_step_seconds",
    "Time to advance one instance (its steps up to the next wait, in one transaction).",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def timed_advance(instance_id: int) -> int:
    """Advance the instance, measuring the time it takes."""
    from engine.services.advance import instance_advance

    started = time.perf_counter()
    try:
        return instance_advance(instance_id=instance_id)
    finally:
        STEP_SECONDS.observe(time.perf_counter() - started)


def _gauge(name: str, documentation: str, labels: list[str], rows) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for values, value in rows:
        family.add_metric(list(values), value)
    return family


class WorkCollector:
    """Reads the counts at each scrape (never cached, never raises past a broken part)."""

    def collect(self):
        instances = ProcessInstance.objects.values_list("definition__key", "status").annotate(
            n=Count("id")
        )
        yield _gauge(
            "hypercrm_instances",
            "Process instances by process and status.",
            ["process", "status"],
            (((key, status), n) for key, status, n in instances),
        )
        groups: Counter[str] = Counter()
        for candidate_groups, lane in HumanTask.objects.filter(
            status__in=("open", "claimed")
        ).values_list("candidate_groups", "lane"):
            for group in candidate_groups or [lane or ""]:
                groups[group] += 1
        yield _gauge(
            "hypercrm_open_tasks",
            "Open or claimed human tasks by candidate group (a task offered to two counts twice;"
            ' "" when offered to no group).',
            ["group"],
            (((group,), n) for group, n in sorted(groups.items())),
        )
        incidents = (
            Incident.objects.filter(status="open")
            .values_list("instance__definition__key")
            .annotate(n=Count("id"))
        )
        yield _gauge(
            "hypercrm_open_incidents",
            "Open incidents by process.",
            ["process"],
            (((key or "",), n) for key, n in incidents),
        )
        yield from self._timers()
        yield _gauge(
            "hypercrm_queue_length",
            "Requests waiting in each work queue.",
            ["queue"],
            (((queue,), n) for queue, n in queue_lengths().items()),
        )

    def _timers(self):
        now = timezone.now()
        overdue = Timer.objects.filter(due_at__lt=now)
        oldest = overdue.order_by("due_at").values_list("due_at", flat=True).first()
        lateness = (now - oldest).total_seconds() if oldest else 0.0
        yield _gauge(
            "hypercrm_timer_lateness_seconds",
            "How late the most overdue timer is (0 when none is overdue).",
            [],
            [((), lateness)],
        )
        yield _gauge("hypercrm_timers_overdue", "Timers past due.", [], [((), overdue.count())])


def queue_lengths() -> dict[str, int]:
    """Requests waiting per queue: the broker's lists, or the embedded worker's heap."""
    if not settings.CELERY_BROKER_URL:
        from . import embedded

        return {"embedded": len(embedded._heap)}
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return {}
    from .health import _redis

    try:
        client = _redis()
        return {queue: int(client.llen(queue)) for queue in settings.CELERY_TASK_QUEUES}
    except Exception:  # noqa: BLE001 - an unreachable broker shows in /health/ready/
        return {}


def render() -> bytes:
    """The text exposition of all metrics."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ProcessMetrics())
    registry.register(WorkCollector())
    return generate_latest(registry)


class _ProcessMetrics:
    """This process's own measurements (step latency) when not in multi-process mode."""

    def collect(self):
        yield from STEP_SECONDS.collect()
