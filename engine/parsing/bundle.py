"""Turn an upload (a .bpmn file or a .zip bundle) into {file name: text}, within limits."""

import codecs
import io
import posixpath
import re
import zipfile
import zlib

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .errors import DeploymentInvalid, Problem

BPMN_SUFFIXES = (".bpmn", ".bpmn20.xml", ".bpmn2")
DMN_SUFFIXES = (".dmn",)
FORM_SUFFIXES = (".json", ".form")
MAX_BUNDLE_FILES = 500


def max_bytes() -> int:
    return settings.HYPERCRM["MAX_DEPLOYMENT_BYTES"]


def is_bpmn(name: str) -> bool:
    return name.lower().endswith(BPMN_SUFFIXES)


def is_dmn(name: str) -> bool:
    return name.lower().endswith(DMN_SUFFIXES)


def read_upload(name: str, content: bytes) -> dict[str, str]:
    """Return the deployable files of an upload; raise DeploymentInvalid naming what is wrong."""
    limit = max_bytes()
    if len(content) > limit:
        raise DeploymentInvalid(
            [
                Problem(
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": _size(len(content)), "limit": _size(limit)},
                    name,
                )
            ]
        )
    if not content.strip():
        message = _("The file is empty (only whitespace).") if content else _("The file is empty.")
        raise DeploymentInvalid([Problem(message, name)])
    if content[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        return _read_zip(name, content, limit)
    if not (is_bpmn(name) or is_dmn(name) or name.lower().endswith(".xml")):
        name = f"{name}.bpmn" if name else "upload.bpmn"
    return {name: _decode(name, content)}


def _size(count: int) -> str:
    return _("%(megabytes)s MB (%(bytes)s bytes)") % {
        "megabytes": number_format(count / 1024 / 1024, 1),
        "bytes": number_format(count, force_grouping=True),
    }


# What a damaged, encrypted or exotic member raises while being read.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
)


def _read_zip(name: str, content: bytes, limit: int) -> dict[str, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, *_MEMBER_ERRORS):
        raise DeploymentInvalid([Problem(_("The file is not a readable zip archive."), name)])
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_BUNDLE_FILES:
        raise DeploymentInvalid(
            [
                Problem(
                    _("The bundle holds %(count)s files; at most %(limit)s.")
                    % {"count": len(members), "limit": MAX_BUNDLE_FILES},
                    name,
                )
            ]
        )
    total = sum(m.file_size for m in members)
    if total > limit:
        raise DeploymentInvalid(
            [
                Problem(
                    _("The bundle unpacks to %(size)s; the limit is %(limit)s.")
                    % {"size": _size(total), "limit": _size(limit)},
                    name,
                )
            ]
        )
    files: dict[str, str] = {}
    problems: list[Problem] = []
    for member in members:
        path = posixpath.normpath(member.filename)
        if path.startswith(("/", "..")) or "/../" in path:
            message = _("The bundle member “%(name)s” points outside the bundle; refused.") % {
                "name": member.filename
            }
            problems.append(Problem(message, member.filename))
            continue
        base = posixpath.basename(path)
        if base.startswith(".") or "__MACOSX" in path:
            continue
        if not (is_bpmn(base) or is_dmn(base) or base.lower().endswith(FORM_SUFFIXES)):
            continue
        # Read at most the declared size plus one byte: a lying header cannot inflate past it.
        try:
            with archive.open(member) as handle:
                data = handle.read(member.file_size + 1)
        except _MEMBER_ERRORS as exc:
            problems.append(
                Problem(_("The file cannot be unpacked: %(error)s.") % {"error": exc}, path)
            )
            continue
        if len(data) > member.file_size:
            problems.append(Problem(_("The file is larger than the bundle declares."), path))
            continue
        try:
            files[path] = _decode(path, data)
        except DeploymentInvalid as exc:
            problems.extend(exc.problems)
    if problems:
        raise DeploymentInvalid(problems)
    if not any(is_bpmn(f) for f in files):
        if members:
            message = _("The bundle holds no .bpmn file (it holds: %(names)s).") % {
                "names": ", ".join(m.filename for m in members[:10])
            }
        else:
            message = _("The bundle holds no .bpmn file; it is empty.")
        raise DeploymentInvalid([Problem(message, name)])
    return files


_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")


def _decode(name: str, data: bytes) -> str:
    """Text of a file: the encoding an XML declaration names, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_as(name, data, "utf-16")
    if b"\x00" in data[:1024]:
        raise DeploymentInvalid([Problem(_("The file is binary data, not XML text."), name)])
    encoding = "utf-8"
    if match := _DECLARED_ENCODING.match(data[:200]):
        encoding = match.group(1).decode("ascii")
    return _decode_as(name, data, encoding)


# Codecs Python knows that are not character sets (and some decode in quadratic time).
_NOT_CHARSETS = {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7"}


def _decode_as(name: str, data: bytes, encoding: str) -> str:
    try:
        if codecs.lookup(encoding).name in _NOT_CHARSETS:
            raise LookupError(encoding)
        return data.decode(encoding)
    except LookupError:
        raise DeploymentInvalid(
            [Problem(_("Unknown text encoding “%(encoding)s”.") % {"encoding": encoding}, name)]
        )
    except UnicodeDecodeError as exc:
        message = _("The file is not %(encoding)s text (%(reason)s).") % {
            "encoding": encoding,
            "reason": exc.reason,
        }
        raise DeploymentInvalid([Problem(message, name)])
