import pytest
from django.utils import translation

from engine.runtime.caches import clear_all


@pytest.fixture(autouse=True)
def _fresh_spec_cache():
    # Definition ids are reused between tests (rolled-back transactions); so must the cache be.
    clear_all()
    yield
    clear_all()


@pytest.fixture(autouse=True)
def _default_language_after():
    # A request activates its reader's language in the thread and leaves it there; the next
    # test starts in the product's default, as a fresh request would.
    yield
    translation.deactivate()


def pytest_sessionfinish(session, exitstatus):
    """The per-run SQLite test database goes with the run (tests/settings.py); so do the
    lock files the server and worker code keep beside it."""
    import os
    from pathlib import Path

    from django.conf import settings

    var = Path(settings.VAR_DIR)
    for lock in [*var.glob(f"test-{os.getpid()}.sqlite3*-lock"), *var.glob("*-test_*.sweep-lock")]:
        lock.unlink(missing_ok=True)
