"""The benchmarks' command line: each run starts from a new default database."""

from pathlib import Path

import pytest

from bench import runner


@pytest.fixture
def default_database(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "var" / "bench.sqlite3"
    monkeypatch.setattr(runner, "DEFAULT_DATABASE", path)
    monkeypatch.setenv("DATABASE_URL", "")  # so that the run's own value is undone after
    monkeypatch.delenv("DATABASE_URL")
    path.parent.mkdir()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").write_text("earlier runs")
    return path


def test_a_run_without_database_url_starts_from_a_new_file(default_database):
    runner.fresh_default_database()
    assert not any(Path(f"{default_database}{suffix}").exists() for suffix in ("", "-wal", "-shm"))
    assert runner.os.environ["DATABASE_URL"] == f"sqlite:///{default_database}"


def test_keep_database_goes_on_in_the_earlier_file(default_database):
    runner.fresh_default_database(keep=True)
    assert default_database.read_text() == "earlier runs"


def test_a_database_given_by_url_is_left_as_it_is(default_database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///elsewhere.sqlite3")
    runner.fresh_default_database()
    assert default_database.read_text() == "earlier runs"
    assert runner.os.environ["DATABASE_URL"] == "sqlite:///elsewhere.sqlite3"
