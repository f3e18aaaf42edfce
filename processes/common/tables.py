"""Reading an uploaded spreadsheet for an import: a CSV (UTF-8, comma or semicolon) or an
XLSX workbook's first sheet (openpyxl), as a header and one dict per line; and the
problems of a checked file, each named by its line and column."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


class UnreadableFile(ValueError):
    """The upload is neither UTF-8 CSV text nor an XLSX workbook; the message says which."""


@dataclass
class ImportProblem:
    line: int  # the file's line number (the header is line 1)
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)  # the checked lines, as stored
    problems: list[ImportProblem] = field(default_factory=list)
    created: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems


def read_table(content: bytes | str) -> tuple[list[str], list[dict]]:
    """The header (lower-cased) and the non-blank lines of a CSV or XLSX file; short lines
    read as blanks. Raises UnreadableFile."""
    if isinstance(content, bytes) and content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("The file is neither UTF-8 CSV text nor an XLSX workbook.")
        ) from None
    try:
        return _lines(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error as error:  # e.g. a cell longer than the csv module takes
        message = _("The file is not CSV that can be read: %(reason)s.") % {"reason": error}
        raise UnreadableFile(message) from None


def _delimiter(text: str) -> str:
    sample = text[:4096]
    return ";" if sample.count(";") > sample.count(",") else ","


def _read_xlsx(content: bytes) -> tuple[list[str], list[dict]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign archive
        raise UnreadableFile(_("The file is not an XLSX workbook that can be read.")) from None
    try:
        sheet = book.worksheets[0]
        return _lines([_cell(value) for value in row] for row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _cell(value) -> str:
    """A cell as the text a person typed: 12 not 12.0, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{Decimal(repr(value)).normalize():f}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _lines(cells_per_line) -> tuple[list[str], list[dict]]:
    lines = iter(cells_per_line)
    header = [str(name).strip().lower() for name in next(lines, [])]
    while header and not header[-1]:  # a sheet's empty trailing columns
        header.pop()
    rows = [
        dict(zip(header, (str(cell).strip() for cell in cells), strict=False))
        for cells in lines
        if any(str(cell).strip() for cell in cells)
    ]
    return header, rows


def too_long(most: int) -> str:
    return _("At most %(count)s characters.") % {"count": most}


def header_problems(header: list[str], *, columns: list[str], needed: list[str]) -> list:
    """The header's missing needed columns and unknown ones, as problems on line 1."""
    problems = [
        ImportProblem(1, name, _("The header has no “%(name)s” column.") % {"name": name})
        for name in needed
        if name not in header
    ]
    known = ", ".join(columns)
    problems += [
        ImportProblem(
            1, name, _("Unknown column; the columns are: %(columns)s.") % {"columns": known}
        )
        for name in header
        if name and name not in columns
    ]
    return problems


def decimal_cell(text: str, *, places: int, digits: int) -> Decimal | None:
    """A number of at most `places` decimals (comma or point) that is not negative and fits
    `digits` digits; None when it is not one."""
    try:
        value = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0:
        return None
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return None
    if abs(value) >= Decimal(10) ** (digits - places):
        return None
    return value.quantize(Decimal(1).scaleb(-places))
