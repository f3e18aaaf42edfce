"""Restore one backup archive into an empty database (and its stored files)."""

import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from . import snapshot
from .archive import ArchiveError, extract_checked, open_archive


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore_check(path: Path):
    """The archive, if it can be restored here; else ArchiveError saying why."""
    archive = open_archive(path)
    unknown = sorted(set(archive.manifest["database"]["migrations"]) - _known_migrations())
    if unknown:
        raise ArchiveError(
            _(
                "The archive was made by a newer HyperCRM (%(version)s): this one does not"
                " know its migrations %(names)s. Upgrade HyperCRM, then restore."
            )
            % {"version": archive.manifest["product_version"], "names": ", ".join(unknown[:5])}
        )
    vendor = archive.manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise ArchiveError(
            _("The archive holds a %(theirs)s database; this HyperCRM runs on %(ours)s.")
            % {"theirs": vendor, "ours": connection.vendor}
        )
    if not _database_is_empty():
        raise ArchiveError(
            _(
                "The database %(name)s is not empty: restore only into an empty one"
                " (nothing was changed)."
            )
            % {"name": connection.settings_dict["NAME"]}
        )
    return archive


def restore_run(path: Path, progress=lambda message: None) -> dict:
    """Restore the archive; answer the row counts found afterwards (they match the manifest)."""
    archive = restore_check(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as work:
        work = Path(work)
        progress(_("Checking the archive…"))
        extract_checked(archive, work, progress)
        progress(_("Restoring the database…"))
        dump = work / archive.database_member
        if connection.vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
        media = work / "media"
        if media.is_dir():
            progress(_("Restoring the stored files…"))
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    progress(_("Bringing the database up to this version…"))
    call_command("migrate", interactive=False, verbosity=0)
    counts = _counts_now()
    expected = archive.manifest["database"]["counts"]
    differing = sorted(t for t, n in expected.items() if counts.get(t) != n)
    if differing:
        raise ArchiveError(
            _("Restored, but these tables hold other counts than the archive: %(names)s")
            % {"names": ", ".join(differing[:5])}
        )
    progress(
        _("Restored %(instances)d instances, %(tasks)d tasks, %(files)d stored files.")
        % {
            "instances": counts.get("engine_processinstance", 0),
            "tasks": counts.get("engine_humantask", 0),
            "files": sum(1 for name in archive.manifest["files"] if name.startswith("media/")),
        }
    )
    return counts


def _counts_now() -> dict[str, int]:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        return snapshot._counts(cursor, existing)


def _restore_sqlite(dump: Path) -> None:
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgresql(dump: Path) -> None:
    args, env = snapshot.pg_environment()
    result = subprocess.run(
        ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error", str(dump)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ArchiveError(_("pg_restore failed: %(error)s") % {"error": result.stderr.strip()})
    _reset_sequences()


def _reset_sequences() -> None:
    """Sequences are outside the snapshot (pg_dump reads their value of the moment it dumps
    them): set each to the highest id restored, so that numbers go on from the snapshot
    without a gap — as SQLite's do, whose counters are part of the copied file."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
