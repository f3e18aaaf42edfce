"""10,000 pending timers due over a minute: how late does each fire?

Instances wait at a timer whose date comes from their data, spread evenly over the
window. Once all exist, the real runtime fires them: the embedded worker and its sweep
(no broker), or Celery workers and beat (CELERY_BROKER_URL set). Lateness = when the
timer's history row was written − when it was due.
"""

import time
from datetime import timedelta

from bench.common import deploy, log_dir, progress, settle_database, summary


def run(args) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from engine.models import InstanceEvent, ProcessInstance
    from engine.services.instances import instance_start

    count = args.count or 10_000
    window = args.seconds or 60.0
    definition = deploy("timer")
    ProcessInstance.objects.filter(definition__key="bench_timer").delete()
    # Measure creation speed, then start the window once every instance will exist.
    probe_started = time.perf_counter()
    far = (timezone.now() + timedelta(days=1)).isoformat()
    for _ in range(200):
        instance_start(definition_key="bench_timer", variables={"due": far})
    per_instance = (time.perf_counter() - probe_started) / 200
    ProcessInstance.objects.filter(definition=definition).delete()
    _settle_engine_tables()
    # Generous: creation slows as the tables grow, and no timer may come due before the
    # last one exists (that would measure creation, not firing).
    lead = per_instance * count * 2.0 + 10
    window_start = timezone.now() + timedelta(seconds=lead)
    progress(f"Creating {count} timers due over {window:.0f} s, from {lead:.0f} s from now…")
    step = window / count
    ids = []
    for index in range(count):
        due = window_start + timedelta(seconds=index * step)
        ids.append(
            instance_start(definition_key="bench_timer", variables={"due": due.isoformat()}).pk
        )
        if index and index % 2000 == 0:
            progress(f"  {index} created")
    overran = max(0.0, (timezone.now() - window_start).total_seconds())
    if overran:
        progress(
            f"  (creation ran {overran:.1f} s past the window's start; early timers look late)"
        )
    _settle_engine_tables(analyze_only=True)  # the sweep's queries planned for 10,000 waiting
    runtime = _start_runtime(settings, connection)
    try:
        deadline = time.monotonic() + lead + window + 120
        while time.monotonic() < deadline:
            done = ProcessInstance.objects.filter(definition=definition, status="completed").count()
            if done == count:
                break
            time.sleep(1)
    finally:
        runtime()
    fired = InstanceEvent.objects.filter(instance_id__in=ids, type="timer_fired").values_list(
        "at", "data"
    )
    late = []
    for at, data in fired:
        due = timezone.datetime.fromisoformat(data["due_at"])
        late.append((at - due).total_seconds())
    stats = summary(late)
    return {
        "timers": count,
        "creation_overran_s": round(overran, 2),
        "window_s": window,
        "fired": len(late),
        "runtime": "celery" if settings.CELERY_BROKER_URL else "embedded",
        "p50_late_s": stats["p50"],
        "p95_late_s": stats["p95"],
        "p99_late_s": stats["p99"],
        "max_late_s": stats["max"],
    }


def _settle_engine_tables(*, analyze_only: bool = False) -> None:
    """Start from the timer tables without the dead rows of earlier runs, with fresh
    statistics (PostgreSQL; SQLite is left as it is)."""
    from engine.models import InstanceEvent, ProcessInstance, Timer

    tables = [model._meta.db_table for model in (ProcessInstance, InstanceEvent, Timer)]
    settle_database(tables, analyze_only=analyze_only)


def _start_runtime(settings, connection):
    """Start the runtime the settings choose; return a function that stops it."""
    if not settings.CELERY_BROKER_URL:
        from engine.dispatch import set_dispatcher
        from workers import embedded

        set_dispatcher(embedded.enqueue)
        embedded.start()
        return embedded.stop
    import redis

    from bench.cluster import Cluster, database_url_of

    # Start from an empty broker: a previous run's leftovers are not this run's work.
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    cluster = Cluster(
        log_dir(),
        database_url=database_url_of(connection),
        broker_url=settings.CELERY_BROKER_URL,
        settings="bench.settings",
    )
    cluster.start_worker()
    cluster.start_worker()
    cluster.start_beat()
    return cluster.stop
