"""The embedded worker in a server of several processes: exactly one of them sweeps."""

import fcntl
import os

import pytest

from workers import embedded

pytestmark = pytest.mark.django_db


def _held_elsewhere(path: str) -> int:
    """Hold the sweep lock as another process would (its own open file)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise
    return descriptor


def test_the_sweep_lock_is_named_after_the_database():
    path = embedded._sweep_lock_path()
    assert path is not None and path.endswith(".sweep-lock")
    from django.db import connection

    assert str(connection.settings_dict["NAME"]) in path


def test_only_the_holder_sweeps_and_another_takes_over_when_it_ends():
    path = embedded._sweep_lock_path()
    other = _held_elsewhere(path)
    try:
        assert not embedded._holds_sweep_lock()  # another process sweeps
    finally:
        os.close(other)  # that process ended
    try:
        assert embedded._holds_sweep_lock()  # this one takes over
        assert embedded._holds_sweep_lock()  # and keeps it
        with pytest.raises(BlockingIOError):
            _held_elsewhere(path)  # nobody else sweeps meanwhile
    finally:
        embedded._release_sweep_lock()
    os.close(_held_elsewhere(path))  # released: free for the next process
