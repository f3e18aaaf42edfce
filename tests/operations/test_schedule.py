"""The embedded default's daily backup and what it keeps (7 daily, 4 weekly)."""

import os
import time
from datetime import datetime, timedelta

import pytest

from operations import schedule
from operations.archive import open_archive


def test_keeps_the_last_seven_days_and_the_last_four_weeks():
    start = datetime(2026, 9, 1, 2, 0)
    moments = [start + timedelta(days=n) for n in range(60)]  # one a day for 60 days
    moments.append(moments[-1] - timedelta(hours=1))  # two on the last day
    kept = schedule.to_keep(moments)
    last = moments[59]
    daily = {last - timedelta(days=n) for n in range(7)}
    assert daily <= kept
    assert moments[-1] not in kept  # a day keeps its newest only
    weekly = kept - daily
    # The newest of each of the last four ISO weeks; those inside the 7 days count there.
    assert all(moment.isoweekday() == 7 for moment in weekly)
    assert len({m.isocalendar()[:2] for m in kept}) == 4
    assert len(kept) <= 7 + 4


def _archive(folder, moment: datetime) -> None:
    path = folder / f"hypercrm-{moment:%Y%m%d-%H%M%S}.tar.gz"
    path.write_bytes(b"x")
    os.utime(path, (moment.timestamp(), moment.timestamp()))


def test_prune_removes_what_is_not_kept_and_nothing_else(tmp_path):
    start = datetime(2026, 9, 1, 2, 0)
    for n in range(40):
        _archive(tmp_path, start + timedelta(days=n))
    (tmp_path / "copied-by-hand.tar.gz").write_bytes(b"kept: not the schedule's")
    removed = schedule.prune(tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(removed) == 40 - (len(left) - 1)
    assert "copied-by-hand.tar.gz" in left
    assert "hypercrm-20261010-020000.tar.gz" in left  # the newest
    assert len(left) - 1 <= 11


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_taken_when_the_newest_is_a_day_old(settings, tmp_path):
    settings.HYPERCRM_DAILY_BACKUP = True
    settings.BACKUP_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    schedule._state["looked"] = 0.0
    _archive(tmp_path, datetime.now() - timedelta(hours=23))
    assert schedule.daily_backup_tick() is None  # the newest is less than a day old

    schedule._state["looked"] = 0.0
    _archive(tmp_path, datetime.now() - timedelta(hours=25))
    for path in tmp_path.glob("*.tar.gz"):
        os.utime(path, (time.time() - 25 * 3600, time.time() - 25 * 3600))
    thread = schedule.daily_backup_tick()
    assert thread is not None
    thread.join(timeout=120)
    newest = max(tmp_path.glob("hypercrm-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    assert open_archive(newest).manifest["database"]["counts"]["engine_processinstance"] == 0
    assert schedule.daily_backup_tick() is None  # looked a moment ago
