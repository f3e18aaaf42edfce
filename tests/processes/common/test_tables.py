"""Reading an uploaded spreadsheet: CSV with either separator, an XLSX sheet's cells as
typed, and files that are neither."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from processes.common.tables import UnreadableFile, decimal_cell, read_table


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_csv_with_a_bom_and_semicolons_reads_like_commas():
    header, rows = read_table("\ufeffSKU;Name\nA-1;Desk\n\n;\nB-2\n".encode())
    assert header == ["sku", "name"]
    assert rows == [{"sku": "A-1", "name": "Desk"}, {"sku": "B-2"}]
    assert read_table("sku,name\nA-1,Desk\n") == (["sku", "name"], [{"sku": "A-1", "name": "Desk"}])


def test_an_xlsx_sheet_reads_its_cells_as_a_person_typed_them():
    content = xlsx(
        [
            ["SKU", "Name", "List_price", "Weight_kg", "Since", None],
            ["A-1", "Desk", 12.5, 3, date(2026, 1, 31)],
            [None, None, None],
            ["B-2", " Chair ", 0.1, 19.99, None],
        ]
    )
    header, rows = read_table(content)
    assert header == ["sku", "name", "list_price", "weight_kg", "since"]
    assert rows == [
        {
            "sku": "A-1",
            "name": "Desk",
            "list_price": "12.5",
            "weight_kg": "3",
            "since": "2026-01-31",
        },
        {"sku": "B-2", "name": "Chair", "list_price": "0.1", "weight_kg": "19.99", "since": ""},
    ]


def test_neither_csv_nor_xlsx_is_refused_with_a_reason():
    with pytest.raises(UnreadableFile, match="neither UTF-8"):
        read_table(b"\xff\xfe\x00binary")
    with pytest.raises(UnreadableFile, match="not an XLSX"):
        read_table(b"PK\x03\x04 broken zip")
    with pytest.raises(UnreadableFile, match="not CSV"):
        read_table('sku\n"' + "x" * 200_000 + '"\n')


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", "12.00"), ("12,5", "12.50"), ("1 234.50", "1234.50"), ("0", "0.00"), ("3.100", "3.10")],
)
def test_decimal_cells_accept_what_people_type(text, value):
    assert decimal_cell(text, places=2, digits=14) == Decimal(value)


@pytest.mark.parametrize("text", ["-1", "abc", "1.005", "NaN", "Infinity", "1e20"])
def test_decimal_cells_refuse_negative_odd_and_too_precise_numbers(text):
    assert decimal_cell(text, places=2, digits=14) is None
