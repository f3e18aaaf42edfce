"""The web server's settings (config/gunicorn.py): a stopping worker leaves its objects to
the exit instead of collecting them all, so the server stops in seconds."""

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def _settings() -> dict:
    scope: dict = {"__file__": str(CONFIG)}
    exec(compile(CONFIG.read_text(), str(CONFIG), "exec"), scope)  # noqa: S102 - our config
    return scope


def test_a_stopping_worker_freezes_what_it_loaded():
    worker_exit = _settings()["worker_exit"]
    gc.unfreeze()
    try:
        worker_exit(None, None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


def test_the_server_stops_without_collecting_its_heap(tmp_path):
    """Counted in the worker's own work, not the wall clock: the CPU seconds both workers
    spend between the stop and their exit stay far below the 3–10 s a full collection of
    the loaded modules took."""
    from bench.scenarios.api import _free_port

    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "HYPERCRM_EMBEDDED_WORKER": "0",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(CONFIG),
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=CONFIG.parents[1],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_live(f"http://127.0.0.1:{port}/health/live/")
        (worker,) = [int(pid) for pid in _children(server.pid)]
        before = _cpu_seconds(worker)
        server.send_signal(signal.SIGTERM)
        spent = before
        while server.poll() is None:
            spent = max(spent, _cpu_seconds(worker) or spent)
            time.sleep(0.05)
        assert server.returncode == 0
        assert spent - before < 1.5
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _wait_live(url: str) -> None:
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError("the server did not start")


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split()


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
