"""The memory a script may take: the process's resident size is read every few
milliseconds while a script runs, and the script stops once it has grown by more than
the limit (SCRIPT_MEMORY_LIMIT_MB, 256 by default). Each operation is itself capped at
MAX_LEN items, so the overshoot is what a script allocates within one check interval."""

import os

from django.utils.translation import gettext as _

from .policy import ScriptRefused

DEFAULT_MEMORY_LIMIT_MB = 256
CHECK_INTERVAL = 0.005  # seconds between two reads of the resident size
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# /proc/self/statm kept open, per process: a read of it from offset 0 is fresh, and costs
# a seventh of opening the file for each script. "self" is resolved when the file is
# opened, so a forked child (a worker process) opens its own (the pid tells).
_statm: tuple[int, int] | None = None  # (pid, file descriptor)


def resident_bytes() -> int | None:
    """The process's resident size, or None where /proc is not there to say."""
    global _statm
    try:
        pid = os.getpid()
        if _statm is None or _statm[0] != pid:
            _statm = (pid, os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))
        return int(os.pread(_statm[1], 128, 0).split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def resident_bytes_plain() -> int | None:
    """The plain way: open the file, read it, close it (the tests compare both)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def memory_limit_mb() -> float:
    try:
        from django.conf import settings

        return float(settings.HYPERCRM.get("SCRIPT_MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT_MB))
    except Exception:  # noqa: BLE001 - settings not configured: the documented default
        return DEFAULT_MEMORY_LIMIT_MB


class MemoryWatch:
    def __init__(self, limit_mb: float):
        self.limit_mb = limit_mb
        start = resident_bytes()
        self.ceiling = None if start is None else start + limit_mb * 1024 * 1024

    def check(self) -> None:
        if self.ceiling is not None and (resident_bytes() or 0) > self.ceiling:
            raise ScriptRefused(
                _("the script used more than %(limit)s MB of memory")
                % {"limit": f"{self.limit_mb:g}"}
            )
