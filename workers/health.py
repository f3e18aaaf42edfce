"""Is background work being done? Answered for the health checks (live, ready)."""

import contextlib
import os
import time
from functools import lru_cache
from pathlib import Path

from django.conf import settings

SWEEP_MARK = "hypercrm:sweep:last"
SWEEP_STALE_S = 30

# The embedded worker's last sweep in this process (time.time()), and the file whose
# modification time tells the other processes of the server when the sweeping one swept.
_embedded_sweep: dict[str, object] = {"at": None, "path": None}


@lru_cache(maxsize=1)
def _redis():
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)


def _uses_redis() -> bool:
    return settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))


def mark_sweep() -> None:
    if _uses_redis():
        _redis().set(SWEEP_MARK, time.time(), ex=3600)


def mark_embedded_sweep(path: str | None) -> None:
    """The embedded worker swept now; `path` is its sweep-lock file (None: this process only)."""
    _embedded_sweep["at"] = time.time()
    _embedded_sweep["path"] = path
    if path:
        # On failure the in-process mark still answers for this process.
        with contextlib.suppress(OSError):
            os.utime(path)


def sweep_age() -> float | None:
    """Seconds since the last sweep, None when none is known (never raises)."""
    if _uses_redis():
        try:
            last = _redis().get(SWEEP_MARK)
        except Exception:  # noqa: BLE001 - an unreachable broker is reported by broker_status
            return None
        return None if last is None else max(0.0, time.time() - float(last))
    if settings.CELERY_BROKER_URL:
        return None
    marks = [_embedded_sweep["at"]]
    path = _embedded_sweep["path"] or _lock_file()
    if path:
        with contextlib.suppress(OSError):
            marks.append(os.path.getmtime(path))
    known = [mark for mark in marks if mark is not None]
    return max(0.0, time.time() - max(known)) if known else None


def _lock_file() -> str | None:
    """The embedded sweep-lock file of this server, as workers/embedded.py names it."""
    from django.db import connection

    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and name and name != ":memory:":
        return f"{name}.sweep-lock"
    return None


def broker_status() -> str:
    """ "ok", "embedded" (no broker: the web process does the work), or what is wrong."""
    if not settings.CELERY_BROKER_URL:
        return "embedded"
    if not _uses_redis():
        return "ok"
    try:
        _redis().ping()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"broker unreachable: {exc}"
    return "ok"


def worker_status() -> str:
    """ "ok" when work is being done, else what is wrong (never raises)."""
    if not settings.CELERY_BROKER_URL:
        from . import embedded

        return (
            "embedded"
            if embedded.is_running() or not settings.EMBEDDED_WORKER
            else "embedded worker stopped"
        )
    if not _uses_redis():
        return "ok"
    try:
        last = _redis().get(SWEEP_MARK)
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"broker unreachable: {exc}"
    if last is None:
        return "no sweep has run yet (is celery beat running?)"
    age = time.time() - float(last)
    return "ok" if age < SWEEP_STALE_S else f"no sweep for {int(age)} s (is celery beat running?)"


def last_backup() -> Path | None:
    """The newest archive under BACKUP_DIR, None when there is none."""
    folder = Path(settings.BACKUP_DIR)
    try:
        archives = [path for path in folder.glob("*.tar*") if path.is_file()]
    except OSError:
        return None
    return max(archives, key=lambda path: path.stat().st_mtime, default=None)


def backup_age() -> float | None:
    newest = last_backup()
    if newest is None:
        return None
    return max(0.0, time.time() - newest.stat().st_mtime)
