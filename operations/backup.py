"""Write one backup archive (operations/archive.py says what is in it)."""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import snapshot
from .archive import FORMAT, MANIFEST, product_version, sha256_of


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


def backup_create(*, output: Path | None = None, progress=lambda message: None) -> Path:
    """Take a backup now; answer the archive's path (BACKUP_DIR/hypercrm-<moment>.tar.gz)."""
    moment = timezone.now()
    folder = Path(settings.BACKUP_DIR)
    target = output or folder / f"hypercrm-{moment:%Y%m%d-%H%M%S}.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        work = Path(work)
        progress(_("Copying the database…"))
        database = snapshot.take(work, progress)
        files = {database["member"]: {"sha256": sha256_of(work / database["member"])}}
        media = _media_files()
        root = Path(settings.MEDIA_ROOT)
        partial = work / "archive.partial"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / database["member"], database["member"])
            for done, path in enumerate(media, start=1):
                name = f"media/{path.relative_to(root)}"
                # Read once: the checksum is of exactly the bytes archived.
                content = path.read_bytes()
                files[name] = {"sha256": hashlib.sha256(content).hexdigest()}
                _add_bytes(tar, name, content, path.stat().st_mtime)
                if done % 100 == 0 or done == len(media):
                    progress(
                        _("Stored files: %(n)d of %(total)d") % {"n": done, "total": len(media)}
                    )
            manifest = {
                "format": FORMAT,
                "product_version": product_version(),
                "taken_at": moment.isoformat(),
                "database": database,
                "files": files,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode(), moment.timestamp())
        # The archive holds everything the company knows: readable by its owner only.
        os.chmod(partial, 0o600)
        shutil.move(partial, target)  # whole or not at all: never half an archive
    progress(
        _("Backup written: %(path)s (%(mb).1f MB)")
        % {"path": target, "mb": target.stat().st_size / 1e6}
    )
    return target
