"""SQLite for the embedded default, with writers queued in the process, not in SQLite.

Every transaction is IMMEDIATE (it takes SQLite's write lock when it begins). When several
threads of one process (the web server's threads, the embedded worker) want to write at
once, SQLite makes the others sleep and retry with growing pauses, which stretches
latencies to seconds under load. Here they wait on a lock of the process instead and go
the moment it is free; SQLite's own busy timeout still covers other processes.
"""

import threading

from django.db.backends.sqlite3 import base

_writer = threading.Lock()


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer = False

    def _start_transaction_under_autocommit(self):
        _writer.acquire()
        self._holds_writer = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self):
        if self._holds_writer:
            self._holds_writer = False
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
