"""Shared pieces of the benchmark scenarios."""

import statistics
import tempfile
from pathlib import Path

DIAGRAMS = Path(__file__).resolve().parent / "diagrams"


def deploy(name: str):
    from engine.services.definitions import definition_deploy

    path = DIAGRAMS / f"{name}.bpmn"
    return definition_deploy(
        file_name=path.name, content=path.read_bytes(), user=None, check_role=False
    ).definitions[0]


def settle_database() -> None:
    """Start a measured phase with the database's housekeeping done: the dead rows earlier
    runs left are vacuumed (PostgreSQL) or the write-ahead log is folded back (SQLite), so a
    background vacuum or checkpoint of old garbage does not land in one phase only."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE)")
        elif connection.vendor == "sqlite":
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
