"""Shared pieces of the benchmark scenarios."""

import os
import statistics
import tempfile
from contextlib import contextmanager
from pathlib import Path

DIAGRAMS = Path(__file__).resolve().parent / "diagrams"


def deploy(name: str):
    from engine.services.definitions import definition_deploy

    path = DIAGRAMS / f"{name}.bpmn"
    return definition_deploy(
        file_name=path.name, content=path.read_bytes(), user=None, check_role=False
    ).definitions[0]


def settle_database(tables: list[str] | None = None, *, analyze_only: bool = False) -> None:
    """Start a measured phase with the database's housekeeping done: the dead rows earlier
    runs left are vacuumed (PostgreSQL) or the write-ahead log is folded back (SQLite), so a
    background vacuum or checkpoint of old garbage does not land in one phase only.

    With tables, only those are vacuumed; with analyze_only, only their statistics are
    refreshed (ANALYZE) — what autovacuum would see to, were it on (benchmark servers often
    run without it). Both are PostgreSQL housekeeping: SQLite's checkpoint is of the whole
    file, so it runs only when the whole database is settled.
    """
    from django.db import connection

    whole = tables is None and not analyze_only
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            command = "ANALYZE" if analyze_only else "VACUUM (ANALYZE)"
            if tables is None:
                cursor.execute(command)
            for table in tables or ():
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        elif connection.vendor == "sqlite" and whole:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict:
    return {
        "p50": round(statistics.median(values), 4) if values else None,
        "p95": round(percentile(values, 0.95), 4),
        "p99": round(percentile(values, 0.99), 4),
        "max": round(max(values), 4) if values else None,
    }


def log_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="hypercrm-bench-"))


def progress(message: str) -> None:
    import sys

    print(message, file=sys.stderr, flush=True)


def notifications_wanted() -> bool:
    """False when BENCH_NOTIFICATIONS=off: a run that measures the engine without the
    notifications app's receivers (bench/apps.py disconnects them in every process of the
    run, the API scenario's server included)."""
    return os.environ.get("BENCH_NOTIFICATIONS", "on").lower() not in ("off", "0", "no")


@contextmanager
def notifications_off():
    """The notifications app's receivers off for the block, on again after it."""
    from processes.notifications import fanout

    fanout.disconnect()
    try:
        yield
    finally:
        fanout.connect()
