"""The embedded default's daily backup, and which archives to keep (7 daily, 4 weekly).

The process that sweeps (workers/embedded.py) asks `daily_backup_tick()` at each sweep;
at most once a minute it looks whether the newest archive is a day old, and if so takes a
backup in a thread of its own, so that the sweep never waits for it.
"""

import logging
import re
import threading
import time
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)

DAY_S = 24 * 3600
KEEP_DAILY = 7
KEEP_WEEKLY = 4
LOOK_EVERY_S = 60
NAME = re.compile(r"^hypercrm-(\d{8})-(\d{6})\.tar\.gz$")

_state = {"looked": 0.0}
_running = threading.Lock()


def archives(folder: Path) -> list[tuple[datetime, Path]]:
    """The archives this schedule wrote, oldest first, with their moments."""
    found = []
    for path in folder.glob("hypercrm-*.tar.gz") if folder.is_dir() else []:
        match = NAME.match(path.name)
        if match:
            found.append((datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S"), path))
    return sorted(found)


def to_keep(moments: list[datetime]) -> set[datetime]:
    """The newest of each of the last 7 days that have one, and the newest of each of the
    4 last weeks that have one (a week's newest may be one of the daily ones)."""
    daily: dict[date, datetime] = {}
    weekly: dict[tuple[int, int], datetime] = {}
    for moment in sorted(moments):
        daily[moment.date()] = moment
        weekly[moment.isocalendar()[:2]] = moment
    kept = {daily[day] for day in sorted(daily)[-KEEP_DAILY:]}
    kept |= {weekly[week] for week in sorted(weekly)[-KEEP_WEEKLY:]}
    return kept


def prune(folder: Path) -> list[Path]:
    """Remove the archives the schedule does not keep; answer the removed ones."""
    found = archives(folder)
    kept = to_keep([moment for moment, _path in found])
    removed = [path for moment, path in found if moment not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_due(folder: Path, now: float) -> bool:
    newest = max((path.stat().st_mtime for _m, path in archives(folder)), default=None)
    return newest is None or now - newest >= DAY_S


def daily_backup_tick(now: float | None = None) -> threading.Thread | None:
    """Start the daily backup when one is due; answer its thread (None: nothing started)."""
    now = now or time.time()
    if not settings.HYPERCRM_DAILY_BACKUP or now - _state["looked"] < LOOK_EVERY_S:
        return None
    _state["looked"] = now
    folder = Path(settings.BACKUP_DIR)
    if not backup_due(folder, now) or _running.locked():
        return None
    thread = threading.Thread(target=_take, args=(folder,), name="hypercrm-daily-backup")
    thread.daemon = True
    thread.start()
    return thread


def _take(folder: Path) -> None:
    from .backup import backup_create

    with _running:
        try:
            path = backup_create(progress=logger.info)
            logger.warning("Daily backup written: %s", path)
            for removed in prune(folder):
                logger.info("Old backup removed: %s", removed)
        except Exception:
            logger.exception("The daily backup failed; it is tried again in a minute")
        finally:
            close_old_connections()
