"""The backup archives managers see and download (the dashboard's backup card)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

# The daily backup runs once a day; a newest archive older than this means it stopped.
STALE_AFTER = timedelta(hours=26)


@dataclass(frozen=True)
class Archive:
    name: str
    path: Path
    taken_at: datetime  # when the archive was written (aware, UTC)
    size: int  # bytes


def backup_archives() -> list[Archive]:
    """The archives in BACKUP_DIR (`hypercrm-*.tar.gz`, named by the backup or by hand), newest
    first; an unreadable folder has none."""
    folder = Path(settings.BACKUP_DIR)
    found = []
    try:
        for path in folder.glob("*.tar.gz"):
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                found.append(
                    Archive(
                        name=path.name,
                        path=path,
                        taken_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
                        size=stat.st_size,
                    )
                )
    except OSError:
        return []
    return sorted(found, key=lambda archive: archive.taken_at, reverse=True)


def backup_archive(name: str) -> Archive | None:
    """The archive of that file name in BACKUP_DIR; None for any other name (a path, a file
    elsewhere, one that is gone)."""
    return next((archive for archive in backup_archives() if archive.name == name), None)


def backup_summary() -> dict:
    """The dashboard's backup card: the newest archive, how many are kept, whether the newest
    is older than STALE_AFTER, and whether the daily backup is on."""
    archives = backup_archives()
    newest = archives[0] if archives else None
    return {
        "newest": newest,
        "count": len(archives),
        "stale": newest is not None and timezone.now() - newest.taken_at > STALE_AFTER,
        "just_now": newest is not None and timezone.now() - newest.taken_at < timedelta(minutes=1),
        "daily": settings.HYPERCRM_DAILY_BACKUP,
    }
