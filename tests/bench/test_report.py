"""The benchmark page: one table, a column per database, the page's own text kept."""

from bench import report


def _stored(db: str, ratio: float) -> dict:
    return {
        "at": "2026-11-28 10:00 UTC",
        "machine": "x86_64, 2 cores",
        "results": {
            "mi": {
                "ratio": ratio,
                "ms_per_item_100": 5.0,
                "ms_per_item_1000": 6.0,
                "state_bytes_max": 108016,
                "database": db,
            },
            "api": {"error": "Connection refused"},
        },
    }


def test_the_table_says_met_or_not_per_database(tmp_path, monkeypatch):
    page = tmp_path / "performance.md"
    page.write_text(f"# Performance\n\nIntro.\n\n{report.START}\nold\n{report.END}\n\n## Notes\n")
    monkeypatch.setattr(report, "PAGE", page)
    report.write_page({"sqlite": _stored("sqlite", 10.5), "postgresql": _stored("postgresql", 13)})
    text = page.read_text()
    assert text.startswith("# Performance\n\nIntro.")
    assert text.rstrip().endswith("## Notes")
    assert "old" not in text
    row = next(line for line in text.splitlines() if line.startswith("| `mi`"))
    sqlite, postgresql = row.split(" | ")[2:4]
    assert "**10.5** met" in sqlite and "5.0 → 6.0 ms per item" in sqlite
    assert "**13** NOT met" in postgresql
    api = next(line for line in text.splitlines() if line.startswith("| `api`"))
    assert "did not run: Connection refused" in api


def test_the_pages_row_gives_each_page_small_and_large():
    result = {"ratio": 1.2, "database": "sqlite"}
    for page, (small, large) in {
        "customers": (20.0, 21.0),
        "orders": (30.0, 36.0),
        "search": (15.0, 16.0),
        "report": (25.0, 24.0),
    }.items():
        result |= {f"ms_small_{page}": small, f"ms_large_{page}": large}
    cell = report.verdict("pages", result)
    assert cell.startswith("ratio **1.2** met")
    assert "orders 30.0 → 36.0 ms" in cell and "report 25.0 → 24.0 ms" in cell


def test_the_footer_names_the_day_of_each_scenarios_run(tmp_path, monkeypatch):
    page = tmp_path / "performance.md"
    page.write_text(f"{report.START}\n{report.END}\n")
    monkeypatch.setattr(report, "PAGE", page)
    stored = _stored("sqlite", 10.5)
    stored["at"] = "2026-12-07 13:38 UTC"
    stored["results"]["mi"]["at"] = "2026-11-28T07:42:33+00:00"
    stored["results"]["pages"] = {"ratio": 1.1, "at": "2026-12-07T13:38:46+00:00"}
    report.write_page({"sqlite": stored})
    footer = page.read_text().splitlines()[-2]
    assert footer == (
        "SQLite: run 2026-12-07 13:38 UTC (earlier runs 2026-11-28: `mi`), x86_64, 2 cores."
    )
