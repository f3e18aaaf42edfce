"""`python -m bench all`: run every scenario, one process each, and write docs/performance.md."""

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.runner import BASE_DIR

TARGETS = {
    "o2c": ("ratio", ">=", 0.5),
    "loop": ("ratio", "<=", 1.2),
    "mi": ("ratio", "<=", 12),
    "inbox": ("ratio", "<=", 1.5),
    "api": ("ratio", ">=", 0.5),
    "timers": ("p99_late_s", "<=", 1.0),
    "workers": ("ratio", None, None),
}
ORDER = ["o2c", "loop", "mi", "inbox", "api", "timers", "workers"]


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


def _verdict(scenario: str, result: dict) -> str:
    field, op, target = TARGETS[scenario]
    if "error" in result:
        return "did not run: " + result["error"][:120]
    value = result.get(field)
    if op is None:
        return f"{field} = {value} (reported)"
    met = value is not None and (value >= target if op == ">=" else value <= target)
    return f"{field} = {value} (target {op} {target}: {'met' if met else 'NOT met'})"


def write_report(results: dict, path: Path) -> None:
    database = next((r.get("database") for r in results.values() if "database" in r), "?")
    lines = [
        "# Performance",
        "",
        "Figures from `python -m bench all` (each scenario also runs alone: "
        "`python -m bench SCENARIO [--json]`). Ratios are measured side by side in one run; "
        "absolute times are context only — the machine is shared.",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        f"- database: {database} (`DATABASE_URL`, SQLite by default)",
        "",
        "| scenario | verdict | figures |",
        "| --- | --- | --- |",
    ]
    for scenario in ORDER:
        result = results.get(scenario)
        if result is None:
            continue
        figures = ", ".join(
            f"{k}={v}"
            for k, v in result.items()
            if k not in ("scenario", "database", "python", "at")
        )
        lines.append(f"| `{scenario}` | {_verdict(scenario, result)} | {figures} |")
    lines += [
        "",
        "Reproduce: `make install`, then `.venv/bin/python -m bench all` (SQLite) or",
        "`DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… .venv/bin/python -m bench all`.",
        "",
    ]
    path.write_text("\n".join(lines))


def main(scenarios: list[str] | None = None) -> int:
    results = {scenario: _run(scenario) for scenario in scenarios or ORDER}
    target = BASE_DIR / "docs" / "performance.md"
    write_report(results, target)
    print(f"Wrote {target}")
    for scenario, result in results.items():
        print(f"  {scenario}: {_verdict(scenario, result)}")
    return 0
