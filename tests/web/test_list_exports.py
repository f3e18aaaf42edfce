"""Each list's CSV and XLSX hold what the list shows, with its search, filters and sort:
products, sales orders (with delivery and billing) and invoices (with what is owed)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from processes.sales import services
from tests.processes.business import (
    make_order,
    media,  # noqa: F401 - documents go to a temporary MEDIA_ROOT
)
from tests.processes.factories import make_customer, make_product


def exported(response, fmt: str) -> list[list]:
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def sales(db, media):  # noqa: F811
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("100.00"))
    make_product("LAMP", name="Desk lamp", kind="purchased", list_price=Decimal("24.90"))
    make_product("DESK", name="Oak desk", kind="manufactured", list_price=Decimal("450.00"))
    acme, bolt = make_customer("Acme Tools"), make_customer("Bolt Supplies")
    make_order((chair, 1), party=bolt)
    paid = make_order((chair, 2), party=acme, confirm=True)
    owed = make_order((chair, 3), party=bolt, confirm=True)
    first = services.invoice_create_for_order(order=paid)
    services.invoice_create_for_order(order=owed)
    services.payment_record(invoice=first, amount=Decimal("50.00"), method="card")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "query", [{}, {"q": "desk"}, {"kind": "purchased"}, {"sort": "-available"}, {"sort": "name"}]
)
def test_the_products_export_is_the_list(login, users, sales, query, fmt):
    client = login(users["alice"])
    shown = [
        [p.sku, p.name, str(p.list_price)] for p in client.get("/products/", query).context["page"]
    ]
    rows = exported(client.get("/products/", {**query, "format": fmt}), fmt)
    assert rows[0][:5] == ["SKU", "Name", "Kind", "Unit", "List price"]
    assert [[r[0], r[1], str(Decimal(r[4]).quantize(Decimal("0.01")))] for r in rows[1:]] == shown
    assert shown, query


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", [{}, {"q": "bolt"}, {"status": "confirmed"}, {"status": "done"}])
def test_the_orders_export_is_the_list_with_delivery_and_billing(login, users, sales, query, fmt):
    client = login(users["alice"])
    page = client.get("/orders/", query).context
    shown = [
        [row.number, row.party.name, str(page["statuses"][row.status])] for row in page["rows"]
    ]
    rows = exported(client.get("/orders/", {**query, "format": fmt}), fmt)
    assert rows[0] == [
        "Number",
        "For",
        "Status",
        "Total",
        "Currency",
        "Created",
        "Delivery",
        "Billing",
    ]
    assert [r[:3] for r in rows[1:]] == shown
    words = {
        "invoiced": "Invoiced",
        "partially_paid": "Partly paid",
        "not_invoiced": "Not invoiced",
    }
    assert {r[0]: r[7] for r in rows[1:]} == {
        row.number: words[row.doc.billing_status] for row in page["rows"]
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", [{}, {"q": "acme"}, {"status": "open"}, {"status": "paid"}])
def test_the_invoices_export_is_the_list_with_what_is_owed(login, users, sales, query, fmt):
    client = login(users["alice"])
    shown = [
        [row.number, row.party.name, str(row.amount), str(row.doc.outstanding)]
        for row in client.get("/invoices/", query).context["rows"]
    ]
    rows = exported(client.get("/invoices/", {**query, "format": fmt}), fmt)
    assert rows[0][-1] == "Outstanding"
    as_money = lambda text: str(Decimal(text).quantize(Decimal("0.01")))  # noqa: E731
    assert [[r[0], r[1], as_money(r[3]), as_money(r[6])] for r in rows[1:]] == shown
