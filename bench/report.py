"""`python -m bench all`: run every scenario, one process each, and update docs/performance.md.

The figures of each database are kept in docs/bench/<database>.json, so a run on SQLite and
a run on PostgreSQL fill the two columns of one table. Only the table between the markers
of docs/performance.md is rewritten; the text around it is the page's own.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime

from bench.runner import BASE_DIR

TARGETS = {
    "o2c": ("ratio", ">=", 0.5),
    "loop": ("ratio", "<=", 1.2),
    "mi": ("ratio", "<=", 12),
    "inbox": ("ratio", "<=", 1.5),
    "api": ("ratio", ">=", 0.5),
    "timers": ("p99_late_s", "<=", 1.0),
    "workers": ("ratio", None, None),
    "notify": ("ratio", "<=", 1.15),
    "pages": ("ratio", "<=", 1.5),
}
ORDER = ["o2c", "loop", "mi", "inbox", "api", "timers", "workers", "notify", "pages"]
TITLES = {
    "o2c": "shipped sales + shipment, persisted vs SpiffWorkflow in memory",
    "loop": "step cost at iteration 1000 vs 1",
    "mi": "sequential multi-instance user task, 1000 vs 100 items",
    "inbox": "first inbox page, 1M vs 10k open tasks, 10k users",
    "api": "completions over HTTP (8 clients) vs the service layer",
    "timers": "10,000 timers due over 60 s",
    "workers": "async service tasks, 1 vs 2 workers",
    "notify": "task step, notifications on vs off (100 groups of 10 people)",
    "pages": "workspace pages, 100k customers + 1M order lines vs 1k + 10k",
}
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
RESULTS_DIR = BASE_DIR / "docs" / "bench"
PAGE = BASE_DIR / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _figures(scenario: str, r: dict) -> str:
    """The figures that explain a verdict, in a few words."""
    match scenario:
        case "o2c":
            return f"{r['persisted_per_s']} vs {r['raw_per_s']} orders/s"
        case "loop":
            return (
                f"{r['first_ms']} → {r['last_ms']} ms; state {r['state_bytes_first']:,} → "
                f"{r['state_bytes_max']:,} B"
            )
        case "mi":
            return (
                f"{r['ms_per_item_100']} → {r['ms_per_item_1000']} ms per item; "
                f"state max {r['state_bytes_max']:,} B"
            )
        case "inbox":
            return f"{r['ms_small']} → {r['ms_large']} ms"
        case "api":
            return (
                f"{r['http_per_s']} vs {r['service_per_s']}/s; p50 {r['p50_ms']}, "
                f"p95 {r['p95_ms']}, p99 {r['p99_ms']} ms; {r.get('server', '')}"
            )
        case "timers":
            return (
                f"p50 {r['p50_late_s']} s, max {r['max_late_s']} s; {r['fired']:,} of "
                f"{r['timers']:,} fired; {r['runtime']}"
            )
        case "workers":
            return f"{r['per_s_1_worker']}/s vs {r['per_s_2_workers']}/s"
        case "pages":
            return " · ".join(
                f"{page} {r[f'ms_small_{page}']} → {r[f'ms_large_{page}']} ms"
                for page in ("customers", "orders", "search", "report")
            )
        case "notify":
            return (
                f"{r['ms_on']} vs {r['ms_off']} ms; {r['stored']:,} of {r['expected']:,} "
                f"told, {r['told_twice']} twice"
            )
    return ""


def verdict(scenario: str, result: dict) -> str:
    if "error" in result:
        return "did not run: " + result["error"][:120]
    field, op, target = TARGETS[scenario]
    value = result.get(field)
    try:
        figures = _figures(scenario, result)
    except (KeyError, TypeError, ValueError):
        figures = ""
    figures = f" ({figures})" if figures else ""
    if op is None:
        return f"{field} **{value}**{figures}"
    met = value is not None and (value >= target if op == ">=" else value <= target)
    return f"{field} **{value}** {'met' if met else 'NOT met'}{figures}"


def table(stored: dict[str, dict]) -> str:
    columns = [db for db in DATABASES if db in stored]
    lines = [
        "| scenario | target | " + " | ".join(DATABASES[db] for db in columns) + " |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " |",
    ]
    for scenario in ORDER:
        field, op, target = TARGETS[scenario]
        goal = f"{field} {op} {target}" if op else "report"
        cells = []
        for db in columns:
            result = stored[db]["results"].get(scenario)
            cells.append("—" if result is None else verdict(scenario, result))
        lines.append(f"| `{scenario}` — {TITLES[scenario]} | {goal} | " + " | ".join(cells) + " |")
    lines.append("")
    for db in columns:
        run = stored[db]
        lines.append(f"{DATABASES[db]}: {_runs(run)}, {run['machine']}.")
    return "\n".join(lines)


def _runs(run: dict) -> str:
    """When the figures were measured: the last run, and the day of each earlier one with
    the scenarios it measured (`--only` runs keep the other scenarios' figures)."""
    last = run["at"]
    days: dict[str, list[str]] = {}
    for scenario in ORDER:
        result = run["results"].get(scenario)
        if result is not None and "at" in result and result["at"][:10] != last[:10]:
            days.setdefault(result["at"][:10], []).append(f"`{scenario}`")
    earlier = "; ".join(f"{day}: {', '.join(names)}" for day, names in sorted(days.items()))
    return f"run {last}" + (f" (earlier runs {earlier})" if earlier else "")


def _run(scenario: str) -> dict:
    print(f"== {scenario}", flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench", scenario, "--json"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": " / ".join(tail) or f"exit {done.returncode}"}
    return json.loads(lines[-1])


def _load_stored() -> dict[str, dict]:
    stored = {}
    for db in DATABASES:
        path = RESULTS_DIR / f"{db}.json"
        if path.exists():
            stored[db] = json.loads(path.read_text())
    return stored


def write_page(stored: dict[str, dict]) -> None:
    text = PAGE.read_text() if PAGE.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip() + f"\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    PAGE.write_text(f"{before}{START}\n{table(stored)}\n{END}{after}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench all", description=__doc__)
    parser.add_argument("--only", help="comma-separated scenarios (default: all)")
    args = parser.parse_args(argv or [])
    scenarios = args.only.split(",") if args.only else ORDER
    results = {scenario: _run(scenario) for scenario in scenarios}
    database = next((r["database"] for r in results.values() if "database" in r), None)
    if database is None:
        print("No scenario ran; nothing written.", file=sys.stderr)
        return 1
    stored = _load_stored()
    previous = stored.get(database, {}).get("results", {})
    stored[database] = {
        "at": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "results": {**previous, **results},
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{database}.json").write_text(json.dumps(stored[database], indent=1) + "\n")
    write_page(stored)
    print(f"Wrote {PAGE} and {RESULTS_DIR / (database + '.json')}")
    for scenario, result in results.items():
        print(f"  {scenario}: {verdict(scenario, result)}")
    return 0
