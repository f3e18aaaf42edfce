"""Back up while work goes on, restore into a fresh database: everything is there and runs
to its end; refusals for a damaged or newer archive."""

import io
import json
import os
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection

from engine.models import HumanTask, ProcessInstance, Timer
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from operations.archive import open_archive
from operations.backup import backup_create
from tests.factories import deploy_fixture, make_user, run_due_work

ROOT = Path(settings.BASE_DIR)
FINISH = Path(__file__).with_name("finish_everything.py")


def _manage(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def target(tmp_path):
    """target(name) -> the environment of a fresh, empty HyperCRM database of that name."""
    created = []

    def make(name: str) -> dict:
        env = _target_env(tmp_path, name)
        created.append(env["DATABASE_URL"])
        return env

    yield make
    for url in created:
        if url.startswith("postgres://"):
            db = url.rsplit("/", 1)[1]
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db])


def _target_env(tmp_path: Path, name: str) -> dict:
    env = {
        "MEDIA_ROOT": str(tmp_path / f"media-{name}"),
        "CELERY_BROKER_URL": "",
        "HYPERCRM_EMBEDDED_WORKER": "0",
        "HYPERCRM_DEMO": "0",
    }
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    else:
        db = f"hc_restore_{os.getpid()}_{name}"
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{db}"
    return env


@pytest.fixture
def stages(transactional_db, settings, tmp_path):
    """Instances at several stages, a timer, a stored file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    (settings.MEDIA_ROOT / "invoices").mkdir(parents=True)
    (settings.MEDIA_ROOT / "invoices" / "INV-00001.pdf").write_bytes(b"%PDF-1.4 invoice")
    admin = make_user("admin", is_superuser=True, is_staff=True)
    deploy_fixture()
    waiting = instance_start(definition_key="order_approval")  # at "Enter order"
    big = run_due_work(instance_start(definition_key="order_approval"))
    task = HumanTask.objects.get(instance=big, status="open")
    task_complete(task_id=task.pk, user=admin, data={"customer": "A", "quantity": 500, "price": 10})
    small = instance_start(definition_key="order_approval")
    task = HumanTask.objects.get(instance=small, status="open")
    task_complete(task_id=task.pk, user=admin, data={"customer": "B", "quantity": 1, "price": 1})
    Timer.objects.create(instance=waiting, element_id="reminder", due_at="2099-01-01T00:00:00Z")
    return admin


def _work_goes_on(stop: threading.Event, started: list) -> None:
    try:
        while not stop.is_set():
            started.append(instance_start(definition_key="order_approval").pk)
    finally:
        close_old_connections()


def test_backup_while_work_goes_on_then_restore_runs_everything_to_its_end(stages, target):
    stop, started = threading.Event(), []
    writer = threading.Thread(target=_work_goes_on, args=(stop, started))
    writer.start()
    try:
        while len(started) < 3:
            threading.Event().wait(0.05)
        messages = []
        archive = backup_create(progress=messages.append)
    finally:
        stop.set()
        writer.join()
    assert archive.parent == Path(settings.BACKUP_DIR) and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert any("Database" in m for m in messages) and "Backup written" in messages[-1]
    manifest = open_archive(archive).manifest
    counts = manifest["database"]["counts"]
    assert (
        manifest["product_version"] and "engine.0001_initial" in manifest["database"]["migrations"]
    )
    in_snapshot = counts["engine_processinstance"]
    # A snapshot of one moment: the instances started meanwhile are wholly in or wholly out.
    assert 6 <= in_snapshot <= 3 + len(started)
    assert counts["engine_humantask"] >= in_snapshot

    env = target("fresh")
    restored = _manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout and "Checking the archive" in restored.stdout
    finished = _manage("shell", "-c", FINISH.read_text(), env=env)
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout.split("RESULT ", 1)[1])
    before, after = result["before"], result["after"]
    assert len(before["instances"]) == in_snapshot
    assert before["timers"] == counts["engine_timer"] == 1
    assert before["files"] == ["invoices/INV-00001.pdf"]
    assert [stage for _pk, _status, stage in before["instances"][:3]] == [
        i.stage for i in ProcessInstance.objects.order_by("pk")[:3]
    ]
    # Every instance runs to its end; new records continue the numbering, no gap, no repeat.
    assert after["statuses"] == ["completed"]
    assert after["next_id"] == after["newest_before"] + 1
    assert (Path(env["MEDIA_ROOT"]) / "invoices" / "INV-00001.pdf").read_bytes().startswith(b"%PDF")


def test_restore_refuses_a_database_that_is_not_empty(stages, tmp_path):
    archive = backup_create()
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive))
    assert ProcessInstance.objects.count() == 3


def _rewrite(archive: Path, target: Path, change) -> Path:
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            content = source.extractfile(member).read()
            content = change(member.name, content)
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))
    return target


def test_restore_refuses_a_damaged_or_newer_archive_changing_nothing(stages, tmp_path, target):
    archive = backup_create()
    env = target("refusing")

    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    refused = _manage("restore", str(cut), env=env)
    assert refused.returncode != 0 and "damaged" in refused.stderr

    def flip(name, content):
        return content.replace(b"invoice", b"INVOICE") if name.startswith("media/") else content

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", flip)
    refused = _manage("restore", str(tampered), env=env)
    assert refused.returncode != 0
    assert "media/invoices/INV-00001.pdf in the archive is damaged" in refused.stderr

    def newer(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["product_version"] = "9.0.0"
        manifest["database"]["migrations"].append("engine.9999_from_the_future")
        return json.dumps(manifest).encode()

    future = _rewrite(archive, tmp_path / "future.tar.gz", newer)
    refused = _manage("restore", str(future), env=env)
    assert refused.returncode != 0
    assert (
        "newer HyperCRM (9.0.0)" in refused.stderr
        and "engine.9999_from_the_future" in refused.stderr
    )
    # Nothing was restored by any of them: the target database is still empty.
    assert not list(Path(env["MEDIA_ROOT"]).glob("**/*.pdf"))
    check = _manage(
        "shell",
        "-c",
        "from django.db import connection; print(len(connection.introspection.table_names()))",
        env=env,
    )
    assert check.stdout.strip().splitlines()[-1] == "0"
