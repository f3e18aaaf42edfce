"""The instruction-count probe completes what it says, from its template the second time."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _probe(folder: Path, count: int, via: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "INSTRUCTIONS_DIR": str(folder), "N": str(count), "TAG": "test"}
    env["VIA"] = via
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "bench/instructions.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _completed(folder: Path) -> int:
    with closing(sqlite3.connect(folder / "instructions-test.sqlite3")) as db:
        [(completed,)] = db.execute(
            "SELECT count(*) FROM engine_humantask WHERE status = 'completed'"
        ).fetchall()
    return completed


@pytest.mark.slow
def test_the_probe_completes_n_tasks_and_reuses_its_template(tmp_path):
    first = _probe(tmp_path, 3)
    assert first.returncode == 0, first.stderr
    assert "Making the template database" in first.stderr
    assert "3 completions" in first.stderr
    second = _probe(tmp_path, 4)
    assert second.returncode == 0, second.stderr
    assert "Making the template database" not in second.stderr
    assert _completed(tmp_path) == 4 + 1  # N and the first, which loads the imports
    refused = _probe(tmp_path, 300)
    assert refused.returncode != 0 and "N must be below 300" in refused.stderr


@pytest.mark.slow
@pytest.mark.parametrize("via", ["http", "wsgi"])
def test_the_probe_completes_over_the_api_as_a_client_would(tmp_path, via):
    done = _probe(tmp_path, 3, via)
    assert done.returncode == 0, done.stderr
    assert "3 completions" in done.stderr
    assert _completed(tmp_path) == 3 + 1
