"""What an uploaded file is, read from its first bytes (never from its name).

filetype (pure Python) knows the signatures of documents, images and archives, and of
executables, which are refused whatever they are called; a file it does not know is taken
as text only when it decodes as UTF-8 without control bytes.
"""

import filetype

# Detected extension → the content type the download is served with.
ALLOWED = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "tif": "image/tiff",
    "bmp": "image/bmp",
    "heic": "image/heic",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "rtf": "application/rtf",
    "zip": "application/zip",
}
TEXT = "text/plain"
HEAD_BYTES = 8192
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def _is_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the head is still text.
        if exc.start < len(head) - 3:
            return False
        text = head[: exc.start].decode("utf-8")
    return not any(ord(ch) in _CONTROL for ch in text)


def detect(head: bytes) -> tuple[str | None, str]:
    """(content type, what it is) of a file's first bytes; content type None = refused."""
    kind = filetype.guess(head)
    if kind is not None:
        return ALLOWED.get(kind.extension), kind.mime
    if _is_text(head):
        return TEXT, TEXT
    return None, "application/octet-stream"
