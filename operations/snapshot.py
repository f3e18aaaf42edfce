"""A consistent copy of the database taken while work goes on, with the row counts and
applied migrations of that same moment.

SQLite: the online backup API copies the file page by page under one read transaction
(writers in WAL mode go on meanwhile). PostgreSQL: a REPEATABLE READ transaction exports
its snapshot; pg_dump dumps exactly that snapshot while the counts are read in it.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction
from django.utils.translation import gettext as _


def _tables() -> list[str]:
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


def _counts(cursor, existing: set[str]) -> dict[str, int]:
    counts = {}
    for table in _tables():
        if table in existing:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - our own names
            counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def take(into: Path, progress) -> dict:
    """Write the snapshot into the folder `into`; answer the manifest's database part."""
    if connection.vendor == "sqlite":
        return _sqlite(into, progress)
    if connection.vendor == "postgresql":
        return _postgresql(into, progress)
    raise RuntimeError(
        _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": connection.vendor}
    )


def _sqlite(into: Path, progress) -> dict:
    source_name = str(connection.settings_dict["NAME"])
    target = into / "database.sqlite3"
    source = sqlite3.connect(source_name, timeout=30)
    copy = sqlite3.connect(target)
    try:
        # One step: the copy is of one moment, whatever writers do meanwhile.
        source.backup(copy)
    finally:
        source.close()
    try:
        cursor = copy.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}
        counts = _counts(cursor, existing)
        migrations = _migrations(cursor)
    finally:
        copy.close()
    progress(_("Database copied (%(mb).1f MB)") % {"mb": target.stat().st_size / 1e6})
    return {"vendor": "sqlite", "member": target.name, "counts": counts, "migrations": migrations}


def pg_environment() -> tuple[list[str], dict]:
    """Connection arguments and environment for pg_dump / pg_restore."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _postgresql(into: Path, progress) -> dict:
    target = into / "database.pgdump"
    args, env = pg_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        existing = {row[0] for row in cursor.fetchall()}
        counts = _counts(cursor, existing)
        migrations = _migrations(cursor)
        progress(_("Dumping the database…"))
        result = subprocess.run(
            [
                "pg_dump",
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(_("pg_dump failed: %(error)s") % {"error": result.stderr.strip()})
    progress(_("Database dumped (%(mb).1f MB)") % {"mb": target.stat().st_size / 1e6})
    return {
        "vendor": "postgresql",
        "member": target.name,
        "counts": counts,
        "migrations": migrations,
    }
