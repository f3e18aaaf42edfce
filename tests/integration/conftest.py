"""Real Celery workers (subprocesses) on PostgreSQL and Redis, for integration tests."""

import os

import pytest
from django.db import connection

from bench.cluster import Cluster, database_url_of
from engine.dispatch import set_dispatcher

BROKER = os.environ.get("HYPERCRM_TEST_BROKER", "redis://127.0.0.1:6379/14")


def _redis():
    import redis

    return redis.Redis.from_url(BROKER)


def _redis_up() -> bool:
    try:
        return bool(_redis().ping())
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture
def cluster(tmp_path, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("integration tests need PostgreSQL (set DATABASE_URL)")
    if not _redis_up():
        pytest.skip(f"integration tests need Redis at {BROKER}")
    _redis().flushdb()
    from workers.celery import app
    from workers.tasks import _marks, advance_instance

    previous = app.conf.broker_url
    if previous != BROKER:
        app._pool = None  # connections for the test broker, not the configured one
    app.conf.broker_url = BROKER
    _marks.cache_clear()
    set_dispatcher(lambda instance_id: advance_instance.delay(instance_id))
    running = Cluster(
        tmp_path,
        database_url=database_url_of(connection),
        broker_url=BROKER,
        settings="tests.settings",
    )
    try:
        yield running
    finally:
        running.stop()
        set_dispatcher(None)
        app.conf.broker_url = previous
        _marks.cache_clear()
