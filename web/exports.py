"""A list page's rows as a CSV or XLSX download (`?format=csv|xlsx`)."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def wanted(request) -> str | None:
    """The export format the list was asked for, if any."""
    chosen = request.GET.get("format", "")
    return chosen if chosen in FORMATS else None


def download(fmt: str, name: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """`rows` under `header` as `name`.csv or `name`.xlsx."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        body: bytes = buffer.getvalue().encode("utf-8-sig")
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        out = io.BytesIO()
        book.save(out)
        body = out.getvalue()
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
