"""The CPU instructions of one task completion through the service layer, for valgrind.

Wall-clock side-by-sides move by 10 % and more on a shared machine; the instructions a
completion costs do not (two runs of one tree agree within 0.2 %). This script completes
`N` (default 100) of 300 open `bench_loop` tasks through `task_complete` — what the `api`
scenario's service layer does — between two calls of `getppid()`, which nothing else in
the run makes, so valgrind's callgrind can count that stretch alone:

    valgrind --tool=callgrind --dump-before=getppid --callgrind-out-file=var/cg.%p \\
        .venv/bin/python bench/instructions.py
    # var/cg.<pid>.2 holds the completions: its "totals:" line divided by N

It runs from the tree it is started in (the current directory), so another commit's tree
is measured with this same file: `cd ../old && .venv/bin/python ../main/bench/instructions.py`.
The first run of a tree makes a template database (migrated, the process deployed, the
tasks open) in var/, and each later run starts from a copy of it, so valgrind spends its
time on the completions rather than on the migrations (INSTRUCTIONS_DIR names another
folder for both). With VIA=http each completion is `POST /api/tasks/{id}/complete/`
through Django's test client instead: the whole request (middleware, authentication,
the API's view and its answer) without a server or a socket. Set PYTHONHASHSEED=0 for
runs that compare. Needs Debian's valgrind; nothing in the product or its tests uses this.
"""

import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

TREE = Path.cwd()
sys.path.insert(0, str(TREE))

OPEN_TASKS = 300


def _database() -> tuple[Path, Path]:
    var = Path(os.environ.get("INSTRUCTIONS_DIR") or TREE / "var")
    var.mkdir(exist_ok=True)
    tag = os.environ.get("TAG", "run")
    return var / "instructions-template.sqlite3", var / f"instructions-{tag}.sqlite3"


def _make_template(template: Path, db: Path) -> None:
    from bench.runner import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.common import deploy
    from bench.scenarios.api import _open_tasks

    user, _ = get_user_model().objects.get_or_create(username="bench-runner", is_superuser=True)
    deploy("loop")
    _open_tasks(OPEN_TASKS, user)
    connection.close()
    # SQLite's backup: a whole copy, the write-ahead log's pages included.
    with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(template)) as copy:
        source.backup(copy)


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _over_http(user, via: str) -> Callable[..., None]:
    """A completion as the API's client makes it, token and all: through Django's test
    client (http), or handed to the product's WSGI application as gunicorn hands it a
    request (wsgi: the request signals connected, the collector tuned as in
    config/gunicorn.py)."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    if via == "wsgi":
        return _over_wsgi(token.key)
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    def complete(task_id: int, user, data: dict) -> None:
        answer = client.post(f"/api/tasks/{task_id}/complete/", {"data": data}, "application/json")
        if answer.status_code != 200:
            raise SystemExit(f"task {task_id}: {answer.status_code} {answer.content[:300]!r}")

    return complete


def _over_wsgi(key: str) -> Callable[..., None]:
    import io
    import json

    from config.gunicorn import post_worker_init
    from config.wsgi import application

    post_worker_init(None)  # the server's collector settings
    answers: list[str] = []

    def start_response(status: str, headers: list, exc_info=None) -> None:
        answers.append(status)

    def complete(task_id: int, user, data: dict) -> None:
        body = json.dumps({"data": data}).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": f"/api/tasks/{task_id}/complete/",
            "QUERY_STRING": "",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_AUTHORIZATION": f"Token {key}",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        response = application(environ, start_response)
        content = b"".join(response)
        response.close()
        if not answers[-1].startswith("200"):
            raise SystemExit(f"task {task_id}: {answers[-1]} {content[:300]!r}")

    return complete


def main() -> int:
    template, db = _database()
    _remove(db)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if not template.exists():
        print("Making the template database (once per tree)…", file=sys.stderr)
        _make_template(template, db)
        _remove(db)
    shutil.copy(template, db)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from bench.common import settle_database
    from engine.models import HumanTask
    from engine.runtime import hot
    from engine.services.tasks import task_complete

    count = int(os.environ.get("N", "100"))
    user = get_user_model().objects.get(username="bench-runner")
    via = os.environ.get("VIA", "")
    complete = _over_http(user, via) if via in ("http", "wsgi") else task_complete
    tasks = list(
        HumanTask.objects.filter(status="open").order_by("pk").values_list("pk", flat=True)
    )
    if count >= len(tasks):
        raise SystemExit(f"N must be below {len(tasks)}")
    settle_database()
    hot.clear()
    complete(task_id=tasks[-1], user=user, data={})  # the first one loads the imports
    os.getppid()  # callgrind's mark: the completions begin
    started = time.process_time()
    for task_id in tasks[:count]:
        complete(task_id=task_id, user=user, data={})
    os.getppid()  # callgrind's mark: the completions end
    cpu_ms = (time.process_time() - started) * 1000 / count
    print(f"{count} completions, {cpu_ms:.3f} ms of CPU each", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
