"""The instruction-count probe completes what it says, from its template the second time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _probe(folder: Path, count: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "INSTRUCTIONS_DIR": str(folder), "N": str(count), "TAG": "test"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "bench/instructions.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_the_probe_completes_n_tasks_and_reuses_its_template(tmp_path):
    import sqlite3

    first = _probe(tmp_path, 3)
    assert first.returncode == 0, first.stderr
    assert "Making the template database" in first.stderr
    assert "3 completions" in first.stderr
    second = _probe(tmp_path, 4)
    assert second.returncode == 0, second.stderr
    assert "Making the template database" not in second.stderr
    with sqlite3.connect(tmp_path / "instructions-test.sqlite3") as db:
        [(completed,)] = db.execute(
            "SELECT count(*) FROM engine_humantask WHERE status = 'completed'"
        ).fetchall()
    assert completed == 4 + 1  # N and the first, which loads the imports
    refused = _probe(tmp_path, 300)
    assert refused.returncode != 0 and "N must be below 300" in refused.stderr
