"""Command-line front of the benchmarks: set up Django on DATABASE_URL, run one scenario."""

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

SCENARIOS = {
    "o2c": "bench.scenarios.o2c",
    "loop": "bench.scenarios.loop",
    "mi": "bench.scenarios.mi",
    "inbox": "bench.scenarios.inbox",
    "api": "bench.scenarios.api",
    "timers": "bench.scenarios.timers",
    "workers": "bench.scenarios.workers",
    "notify": "bench.scenarios.notify",
    "pages": "bench.scenarios.pages",
}
BASE_DIR = Path(__file__).resolve().parent.parent


DEFAULT_DATABASE = BASE_DIR / "var" / "bench.sqlite3"


def fresh_default_database(keep: bool = False) -> None:
    """Without DATABASE_URL, each run starts from a new var/bench.sqlite3 (unless keep): a
    database that earlier runs filled writes deeper indexes and checkpoints more often, so
    two commits measured side by side would otherwise meet databases of different sizes."""
    if os.environ.get("DATABASE_URL"):
        return
    os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DATABASE}"
    DEFAULT_DATABASE.parent.mkdir(exist_ok=True)
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DEFAULT_DATABASE}{suffix}").unlink(missing_ok=True)


def stored_instances() -> int:
    """How many process instances the database holds (reported: a database given by
    DATABASE_URL may hold earlier runs' work)."""
    from engine.models import ProcessInstance

    return ProcessInstance.objects.count()


def setup_django() -> str:
    """Point Django at DATABASE_URL (default: var/bench.sqlite3) and migrate it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_DATABASE}")
    (BASE_DIR / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor


def print_table(title: str, rows: list[tuple[str, object]]) -> None:
    width = max(len(name) for name, _ in rows)
    print(title)
    print("-" * len(title))
    for name, value in rows:
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"  {name.ljust(width)}  {shown}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["all"]:
        from bench.report import main as report

        return report(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--count", type=int, default=None, help="how many instances/timers")
    parser.add_argument("--seconds", type=float, default=None, help="spread or run time")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="go on in the var/bench.sqlite3 of earlier runs instead of a new one",
    )
    args, _rest = parser.parse_known_args(argv)
    fresh_default_database(keep=args.keep_database)
    vendor = setup_django()
    import importlib

    module = importlib.import_module(SCENARIOS[args.scenario])
    before = stored_instances()
    print(f"Running '{args.scenario}' on {vendor}…", file=sys.stderr, flush=True)
    result = module.run(args)
    result.update(
        scenario=args.scenario,
        database=vendor,
        instances_stored_before=before,
        python=platform.python_version(),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    print_table(f"bench {args.scenario} ({vendor})", [(k, v) for k, v in result.items()])
    if args.json:
        print(json.dumps(result))
    return 0
