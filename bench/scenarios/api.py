"""Task completions per second over HTTP against the same completions through the services.

A real WSGI server (gunicorn, with the product's config/gunicorn.py) serves the API; 8
client threads complete open tasks with `POST /api/tasks/{id}/complete/`; as many tasks are
completed in-process through `task_complete`, the two taking turns in three rounds.
`ratio` = http_per_s / service_per_s.

Both start from the same place: the server's processes have none of the instances'
workflows in memory (another process made them), so the service phase starts with this
process's hot-instance cache emptied too — otherwise it would reuse the workflows it kept
while creating the tasks, which the server never can.
"""

import os
import socket
import subprocess
import sys
import threading
import time

from bench.cluster import REPO
from bench.common import deploy, log_dir, progress, summary

CLIENTS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _open_tasks(count: int, user) -> list[int]:
    from engine.models import HumanTask
    from engine.services.instances import instance_start

    ids = [
        instance_start(
            definition_key="bench_loop", variables={"rounds": 0, "limit": 1}, user=user
        ).pk
        for _ in range(count)
    ]
    return list(
        HumanTask.objects.filter(instance_id__in=ids, status="open").values_list("pk", flat=True)
    )


def _server_shape(command: list[str], env: dict) -> str:
    """Processes × threads as gunicorn resolves them from its configuration."""
    printed = subprocess.run(
        [*command, "--print-config"], env=env, cwd=REPO, capture_output=True, text=True
    ).stdout
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in printed.splitlines())
    }
    return f"{settings.get('workers')} worker(s) × {settings.get('threads')} threads"


def _serve(connection):
    from bench.cluster import database_url_of

    port = _free_port()
    logs = log_dir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url_of(connection),
        "HYPERCRM_EMBEDDED_WORKER": "0",
    }
    # The product's server configuration (config/gunicorn.py); these only override it.
    if workers := os.environ.get("BENCH_API_WORKERS"):
        env["WEB_CONCURRENCY"] = workers
    if threads := os.environ.get("BENCH_API_THREADS"):
        env["HYPERCRM_WEB_THREADS"] = threads
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        str(REPO / "config" / "gunicorn.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    shape = _server_shape(command, env)
    log = open(logs / "gunicorn.log", "ab")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}", shape


def _wait_up(base: str) -> None:
    import requests

    for _ in range(100):
        try:
            if requests.get(f"{base}/health/", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start")


def _http_run(base: str, token: str, task_ids: list[int]) -> tuple[float, list[float], int]:
    from urllib.parse import urlsplit

    from bench.httpclient import KeepAlive

    where = urlsplit(base)
    queue = list(task_ids)
    lock = threading.Lock()
    latencies: list[float] = []
    failures = [0]

    def client():
        http = KeepAlive(where.hostname, where.port, {"Authorization": f"Token {token}"})
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    task_id = queue.pop()
                started = time.perf_counter()
                status, _body = http.post_json(f"/api/tasks/{task_id}/complete/", b'{"data": {}}')
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        failures[0] += 1
        finally:
            http.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, failures[0]


ROUNDS = 3


def run(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from bench.common import settle_database
    from engine.runtime import hot
    from engine.services.tasks import task_complete

    count = args.count or 1500
    per_round = max(1, count // ROUNDS)
    count = per_round * ROUNDS
    user, _ = get_user_model().objects.get_or_create(username="bench-runner", is_superuser=True)
    token, _ = Token.objects.get_or_create(user=user)
    deploy("loop")
    progress(f"Preparing {2 * count} open tasks…")
    http_tasks = _open_tasks(count, user)
    service_tasks = _open_tasks(count, user)
    server, base, shape = _serve(connection)
    http_seconds = service_seconds = 0.0
    latencies: list[float] = []
    failures = 0
    try:
        _wait_up(base)
        # The two ways take turns, each round from a settled database, so that a change of
        # the machine's load or of the database's files during the run falls on both.
        for round_ in range(ROUNDS):
            chunk = slice(round_ * per_round, (round_ + 1) * per_round)
            progress(f"Round {round_ + 1}/{ROUNDS}: HTTP, {CLIENTS} clients ({shape})…")
            settle_database()
            seconds, round_latencies, round_failures = _http_run(base, token.key, http_tasks[chunk])
            http_seconds += seconds
            latencies += round_latencies
            failures += round_failures
            progress(f"Round {round_ + 1}/{ROUNDS}: service layer…")
            settle_database()
            hot.clear()  # as cold as the server's processes (see the module's text)
            started = time.perf_counter()
            for task_id in service_tasks[chunk]:
                task_complete(task_id=task_id, user=user, data={})
            service_seconds += time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    stats = summary(latencies)
    http_per_s = count / http_seconds
    service_per_s = count / service_seconds
    return {
        "completions": count,
        "server": shape,
        "clients": CLIENTS,
        "http_per_s": round(http_per_s, 1),
        "service_per_s": round(service_per_s, 1),
        "p50_ms": round(stats["p50"] * 1000, 2),
        "p95_ms": round(stats["p95"] * 1000, 2),
        "p99_ms": round(stats["p99"] * 1000, 2),
        "http_failures": failures,
        "ratio": round(http_per_s / service_per_s, 3),
    }
