"""Real Celery workers (subprocesses) on PostgreSQL and Redis, for integration tests."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from engine.dispatch import set_dispatcher

REPO = Path(__file__).resolve().parents[2]
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


class Cluster:
    """Celery workers and beat as child processes, against the test database."""

    def __init__(self, tmp_path: Path):
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": BROKER,
            "HYPERCRM_SWEEP_SECONDS": "0.5",
            "PYTHONUNBUFFERED": "1",
        }
        self.tmp = tmp_path
        self.workers: list[subprocess.Popen] = []
        self.beat: subprocess.Popen | None = None

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers", *args],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_worker(self) -> subprocess.Popen:
        index = len(self.workers)
        worker = self._spawn(
            [
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
                f"--hostname=w{index}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            f"worker{index}",
        )
        self.workers.append(worker)
        return worker

    def start_beat(self) -> None:
        self.beat = self._spawn(
            ["beat", "--loglevel=WARNING", f"--schedule={self.tmp / 'beat-schedule'}"], "beat"
        )

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self) -> None:
        for process in [*self.workers, self.beat]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.tmp.glob("*.log"))
        )


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
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.stop()
        set_dispatcher(None)
        app.conf.broker_url = previous
        _marks.cache_clear()


def wait_for(predicate, seconds: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
