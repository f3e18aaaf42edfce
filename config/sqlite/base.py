"""SQLite for the embedded default, with writers queued by the operating system, not SQLite.

Every transaction is IMMEDIATE (it takes SQLite's write lock when it begins). When several
writers want to write at once, SQLite makes the others sleep and retry with growing pauses,
which stretches latencies to seconds under load. Here they queue instead and go the moment
the writer before them is done: the threads of a process (the web server's threads, the
embedded worker) on a lock of the process, the processes (several web server processes)
on an exclusive `flock` of a file beside the database. SQLite's own busy timeout still
covers programs that do not take part (a shell, a migration).
"""

import fcntl
import os
import threading

from django.db.backends.sqlite3 import base

_writer = threading.Lock()
# (process, database file) -> the process's own descriptor of the lock file: a descriptor
# inherited through fork() would share its lock with the parent.
_lock_files: dict[tuple[int, str], int] = {}


def _lock_file(name: str) -> int | None:
    if not name or name == ":memory:" or str(name).startswith("file:"):
        return None
    key = (os.getpid(), f"{name}.writer-lock")
    if key not in _lock_files:
        _lock_files[key] = os.open(key[1], os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[key]


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False

    _held_file: int | None = None

    def _start_transaction_under_autocommit(self):
        _writer.acquire()
        self._holds_writer = True
        try:
            descriptor = _lock_file(self.settings_dict["NAME"])
            if descriptor is not None:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
                self._held_file = descriptor
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self):
        if self._holds_writer:
            self._holds_writer = False
            if self._held_file is not None:
                fcntl.flock(self._held_file, fcntl.LOCK_UN)
                self._held_file = None
            _writer.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer()
