"""Turn an upload (a .bpmn file or a .zip bundle) into {file name: text}, within limits."""

import codecs
import io
import posixpath
import re
import zipfile
import zlib

from django.conf import settings

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
            [Problem(f"The file is {_size(len(content))}; the limit is {_size(limit)}.", name)]
        )
    if not content.strip():
        what = "empty" if not content else "empty (only whitespace)"
        raise DeploymentInvalid([Problem(f"The file is {what}.", name)])
    if content[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        return _read_zip(name, content, limit)
    if not (is_bpmn(name) or is_dmn(name) or name.lower().endswith(".xml")):
        name = f"{name}.bpmn" if name else "upload.bpmn"
    return {name: _decode(name, content)}


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB ({count:,} bytes)"


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
        raise DeploymentInvalid([Problem("The file is not a readable zip archive.", name)])
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_BUNDLE_FILES:
        raise DeploymentInvalid(
            [Problem(f"The bundle holds {len(members)} files; at most {MAX_BUNDLE_FILES}.", name)]
        )
    total = sum(m.file_size for m in members)
    if total > limit:
        raise DeploymentInvalid(
            [Problem(f"The bundle unpacks to {_size(total)}; the limit is {_size(limit)}.", name)]
        )
    files: dict[str, str] = {}
    problems: list[Problem] = []
    for member in members:
        path = posixpath.normpath(member.filename)
        if path.startswith(("/", "..")) or "/../" in path:
            message = f"The bundle member {member.filename!r} points outside the bundle; refused."
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
            problems.append(Problem(f"The file cannot be unpacked: {exc}.", path))
            continue
        if len(data) > member.file_size:
            problems.append(Problem("The file is larger than the bundle declares.", path))
            continue
        try:
            files[path] = _decode(path, data)
        except DeploymentInvalid as exc:
            problems.extend(exc.problems)
    if problems:
        raise DeploymentInvalid(problems)
    if not any(is_bpmn(f) for f in files):
        names = ", ".join(m.filename for m in members[:10]) or "nothing"
        message = f"The bundle holds no .bpmn file (it holds: {names})."
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
        raise DeploymentInvalid([Problem("The file is binary data, not XML text.", name)])
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
        raise DeploymentInvalid([Problem(f"Unknown text encoding '{encoding}'.", name)])
    except UnicodeDecodeError as exc:
        raise DeploymentInvalid([Problem(f"The file is not {encoding} text ({exc.reason}).", name)])
