"""The backup archive: one .tar.gz holding the database snapshot, the stored files and a
manifest (product version, applied migrations, row counts, a checksum per member).

    manifest.json
    database.sqlite3 | database.pgdump
    media/<the files under MEDIA_ROOT>
"""

import hashlib
import json
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class ArchiveError(Exception):
    """The archive cannot be restored here; the message says why."""


def product_version() -> str:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Archive:
    path: Path
    manifest: dict

    @property
    def database_member(self) -> str:
        return self.manifest["database"]["member"]


def open_archive(path: Path) -> Archive:
    """Read and check the manifest; every member's checksum is checked on extraction."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.loads(member.read()) if member else None
    except FileNotFoundError as exc:
        raise ArchiveError(_("No such archive: %(path)s") % {"path": path}) from exc
    except (tarfile.TarError, KeyError, OSError, EOFError, ValueError) as exc:
        raise ArchiveError(
            _("%(path)s is damaged or not a HyperCRM backup (%(error)s).")
            % {"path": path, "error": exc}
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(_("%(path)s is not a HyperCRM backup.") % {"path": path})
    return Archive(path=path, manifest=manifest)


def extract_checked(archive: Archive, into: Path, progress) -> None:
    """Extract every member into `into`, refusing the archive if one differs from the
    manifest's checksum (nothing is restored from a damaged archive)."""
    expected = archive.manifest["files"]
    seen = set()
    try:
        with tarfile.open(archive.path, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST or not member.isfile():
                    continue
                if member.name not in expected:
                    raise ArchiveError(
                        _("%(name)s is in the archive but not in its manifest.")
                        % {"name": member.name}
                    )
                tar.extract(member, into, filter="data")
                if sha256_of(into / member.name) != expected[member.name]["sha256"]:
                    raise ArchiveError(
                        _("%(name)s in the archive is damaged (its checksum differs).")
                        % {"name": member.name}
                    )
                seen.add(member.name)
                if len(seen) % 100 == 0:
                    progress(
                        _("Checked %(n)d of %(total)d files")
                        % {"n": len(seen), "total": len(expected)}
                    )
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArchiveError(
            _("%(path)s is damaged (%(error)s).") % {"path": archive.path, "error": exc}
        ) from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise ArchiveError(
            _("The archive is incomplete: %(names)s missing.") % {"names": ", ".join(missing[:5])}
        )
