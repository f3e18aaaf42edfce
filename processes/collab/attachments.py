"""Writes: attach a file to a target the person may see — checked before anything is stored.

The size limit is `HYPERCRM["ATTACHMENT_MAX_BYTES"]` (20 MB); the type is read from the
content (files.py); the file goes through Django's default storage under a random name.
"""

import hashlib
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from engine.exceptions import InvalidData
from processes.access.targets import parse_target, visible_target
from processes.collab.files import HEAD_BYTES, detect
from processes.collab.models import Attachment


def max_bytes() -> int:
    return int(settings.HYPERCRM.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def _refuse(message: str):
    raise InvalidData(message, {"file": [message]})


def clean_name(name: str) -> str:
    """The file's own name without any folder, control characters or leading dots."""
    base = PurePath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return base[:200] or "file"


def attachment_add(*, user, target: str, upload) -> Attachment:
    """Store the upload on the target; a file too large, of a refused type or empty is
    refused with a message naming why, and nothing is stored."""
    where = parse_target(target)
    visible_target(user, where)
    if upload is None:
        _refuse(_("Choose a file to attach."))
    limit = max_bytes()
    if upload.size > limit:
        _refuse(
            _("%(name)s is %(size)s; files up to %(limit)s can be attached.")
            % {
                "name": clean_name(upload.name),
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            }
        )
    if upload.size == 0:
        _refuse(_("%(name)s is empty.") % {"name": clean_name(upload.name)})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    content_type, found = detect(head)
    if content_type is None:
        _refuse(
            _(
                "%(name)s is not a document, image or text file (its content is %(found)s), "
                "so it cannot be attached."
            )
            % {"name": clean_name(upload.name), "found": found}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        target_kind=where.kind,
        target_id=where.pk,
        name=clean_name(upload.name),
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save(attachment.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)  # no row, no file
        raise
    return attachment


def attachment_for_download(*, user, attachment_id: int) -> Attachment:
    """The attachment, if the person may see what it is on (else NotFound, like a missing one)."""
    from engine.exceptions import NotFound

    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("Attachment %(id)s does not exist.") % {"id": attachment_id})
    visible_target(user, parse_target(f"{attachment.target_kind}:{attachment.target_id}"))
    return attachment
