"""Throughput of async service tasks with 1 and with 2 Celery worker processes.

Runs on the database DATABASE_URL names (SQLite: the workers queue for its one writer) and
Redis (CELERY_BROKER_URL, default redis://127.0.0.1:6379/13).
Instances are created first with nobody listening; then the workers start, every instance
is handed to them at once, and the clock runs until all are completed.
"""

import os
import time

from bench.common import deploy, log_dir, progress


def run(args) -> dict:
    from django.db import connection

    count = args.count or 400
    broker = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/13"
    deploy("service")
    results = {}
    for workers in (1, 2):
        results[workers] = _measure(count, workers, broker, connection)
        progress(f"  {workers} worker(s): {results[workers]:.1f} instances/s")
    return {
        "instances": count,
        "per_s_1_worker": round(results[1], 1),
        "per_s_2_workers": round(results[2], 1),
        "ratio": round(results[2] / results[1], 3),
        "cores": os.cpu_count(),
    }


def _measure(count: int, workers: int, broker: str, connection) -> float:
    import redis

    from bench.cluster import Cluster, database_url_of, wait_for
    from engine.dispatch import set_dispatcher
    from engine.models import ProcessInstance
    from engine.services.instances import instance_start
    from workers.celery import app

    redis.Redis.from_url(broker).flushdb()
    set_dispatcher(None)
    progress(f"Creating {count} instances for {workers} worker(s)…")
    ids = [
        instance_start(definition_key="bench_service", variables={"n": i}).pk for i in range(count)
    ]
    cluster = Cluster(
        log_dir(),
        database_url=database_url_of(connection),
        broker_url=broker,
        settings="bench.settings",
    )
    app.conf.broker_url = broker
    app._pool = None
    try:
        for _ in range(workers):
            cluster.start_worker()
        time.sleep(4)  # let the workers boot before the clock starts
        started = time.perf_counter()
        for instance_id in ids:
            app.send_task("workers.advance_instance", args=(instance_id,))
        finished = wait_for(
            lambda: ProcessInstance.objects.filter(pk__in=ids, status="completed").count() == count,
            300,
            interval=0.05,
        )
        elapsed = time.perf_counter() - started
    finally:
        cluster.stop()
    if not finished:
        raise SystemExit("the workers did not finish:\n" + cluster.logs())
    return count / elapsed
