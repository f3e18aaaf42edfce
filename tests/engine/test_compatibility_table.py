"""docs/modeling.md's compatibility table cannot lie: each row's diagram is validated and
must get the row's verdict, and the table in the docs must be the one the rows render.

After changing a row: `UPDATE_DOCS=1 .venv/bin/pytest tests/engine/test_compatibility_table.py`
rewrites the table in the docs."""

import os
import re
from pathlib import Path

import pytest

from engine.services.definitions import definition_validate
from tests.engine.compatibility import REFUSED, ROWS, SUPPORTED, WARNED, render, upload_of

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "modeling.md"
BLOCK = re.compile(r"(<!-- compatibility:start -->\n)(.*?)(\n<!-- compatibility:end -->)", re.S)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.dialect}: {r.construct}"[:60] for r in ROWS])
def test_each_construct_gets_the_verdict_its_row_says(row):
    report = definition_validate(**upload_of(row))
    about = [
        p
        for p in (report.errors if not report.valid else report.warnings)
        if p.element_id == row.element_id
    ]
    if row.verdict == SUPPORTED:
        assert report.valid, report.errors
        assert not about, about
    elif row.verdict == WARNED:
        assert report.valid, report.errors
        assert any(row.phrase in p.message for p in about), report.warnings
    else:
        assert row.verdict == REFUSED
        assert not report.valid
        assert any(row.phrase in p.message for p in about), report.errors


def test_the_docs_show_the_table_the_rows_render():
    text = DOCS.read_text()
    match = BLOCK.search(text)
    assert match, "docs/modeling.md has no <!-- compatibility:start/end --> block"
    if os.environ.get("UPDATE_DOCS") == "1":
        DOCS.write_text(text[: match.start(2)] + render() + text[match.end(2) :])
        return
    assert match.group(2) == render(), "run UPDATE_DOCS=1 on this test to rewrite the table"
