"""Celery workers and beat as child processes — for benchmarks and integration tests."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class Cluster:
    """Workers (solo pool: one process each, so kill -9 is a real crash) and a beat."""

    def __init__(self, log_dir: Path, *, database_url: str, broker_url: str, settings: str):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "HYPERCRM_SWEEP_SECONDS": "0.5",
            "PYTHONUNBUFFERED": "1",
        }
        self.log_dir = log_dir
        self.workers: list[subprocess.Popen] = []
        self.beat: subprocess.Popen | None = None

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
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
                f"--hostname=w{index}-{os.getpid()}@%h",
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
            ["beat", "--loglevel=WARNING", f"--schedule={self.log_dir / 'beat-schedule'}"], "beat"
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
        self.workers, self.beat = [], None

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted(self.log_dir.glob("*.log"))
        )


def wait_for(predicate, seconds: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def database_url_of(connection) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
