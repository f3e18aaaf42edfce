"""A salesperson who sees only her own customers sees only their quotations, orders,
invoices, payments and credit notes: on the document pages, their exports, the top bar's
search, the PDFs and the API's lists and details; a colleague's are a 404."""

from decimal import Decimal

import pytest

from processes.sales import services
from processes.shipment.services import shipment_create_for_order
from tests.factories import make_user
from tests.processes.access.sessions import signed_in as page
from tests.processes.access.test_own_records import csv_column, fresh, own_only
from tests.processes.business import (
    make_order,
    media,  # noqa: F401 - documents go to a temporary MEDIA_ROOT
    stocked,
)
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db


def _billed(party, chair) -> dict:
    quotation = services.quotation_create_for_order(order=make_order((chair, 3), party=party))
    order = make_order((chair, 2), party=party, confirm=True)
    invoice = services.invoice_create_for_order(order=order)
    payment = services.payment_record(invoice=invoice, amount=Decimal("50.00"), method="card")
    line = invoice.lines.get()
    note = services.credit_note_create(invoice=invoice, lines=[{"line": line.pk, "quantity": "1"}])
    return {"quotations": quotation, "orders": order, "invoices": invoice,
            "payments": payment, "credit-notes": note}  # fmt: skip


@pytest.fixture
def books(people, media):  # noqa: F811
    sam = make_user("sam", "sales")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("100.00"))
    mine = _billed(make_customer("Acme Tools", owner=people.alice), chair)
    theirs = _billed(make_customer("Bolt Supplies", owner=sam), chair)
    return mine, theirs


PAGES = ["quotations", "orders", "invoices", "payments"]
API = {"quotations": "quotations", "orders": "sales-orders", "invoices": "invoices",
       "payments": "payments", "credit-notes": "credit-notes"}  # fmt: skip


def number(doc) -> str:
    return doc.invoice.number if hasattr(doc, "method") else doc.number


def test_she_sees_her_customers_documents_only(admin, people, api, books):
    mine, theirs = books
    assert own_only(api, admin, "sales", ["customers", "deals"]).status_code == 200
    alice = fresh(people.alice)
    for key in PAGES:
        listing = page(alice).get(f"/{key}/").content.decode()
        assert number(mine[key]) in listing and "Acme Tools" in listing, key
        assert "Bolt Supplies" not in listing, key
        assert page(alice).get(f"/{key}/{mine[key].pk}/").status_code == 200, key
        assert page(alice).get(f"/{key}/{theirs[key].pk}/").status_code == 404, key
        exported = csv_column(page(alice).get(f"/{key}/?format=csv"))
        assert number(mine[key]) in exported and number(theirs[key]) not in exported, key
    for key, path in API.items():
        ids = {row["id"] for row in api(alice).get(f"/api/{path}/").json()["results"]}
        assert mine[key].pk in ids and theirs[key].pk not in ids, key
        assert api(alice).get(f"/api/{path}/{mine[key].pk}/").status_code == 200, key
        assert api(alice).get(f"/api/{path}/{theirs[key].pk}/").status_code == 404, key
    for key in ["quotations", "invoices", "credit-notes"]:
        pdf = api(alice).get(f"/api/{API[key]}/{mine[key].pk}/pdf/")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf", key
        assert api(alice).get(f"/api/{API[key]}/{theirs[key].pk}/pdf/").status_code == 404, key
    found = page(alice).get("/search/", {"q": mine["invoices"].number[:3]}).content.decode()
    assert mine["invoices"].number in found and theirs["invoices"].number not in found


def test_a_manager_still_sees_every_customers_documents(admin, people, api, books):
    mine, theirs = books
    own_only(api, admin, "sales", ["customers", "deals"])
    manager = make_user("mia", "managers")
    for key in PAGES:
        listing = page(manager).get(f"/{key}/").content.decode()
        assert "Acme Tools" in listing and "Bolt Supplies" in listing, key
        assert page(manager).get(f"/{key}/{theirs[key].pk}/").status_code == 200, key
    ids = {row["id"] for row in api(manager).get("/api/invoices/").json()["results"]}
    assert ids == {mine["invoices"].pk, theirs["invoices"].pk}
    pdf = api(manager).get(f"/api/invoices/{theirs['invoices'].pk}/pdf/")
    assert pdf.status_code == 200


@pytest.fixture
def shipments(people, media):  # noqa: F811
    sam = make_user("sam", "sales")
    chair = stocked("CHAIR", quantity=10, name="Office chair", list_price=Decimal("100.00"))
    made = []
    for name, owner in (("Acme Tools", people.alice), ("Bolt Supplies", sam)):
        order = make_order((chair, 2), party=make_customer(name, owner=owner), reserve=True)
        made.append(shipment_create_for_order(order=order))
    return made


def test_she_sees_her_customers_shipments_only(admin, people, api, shipments):
    mine, theirs = shipments
    assert own_only(api, admin, "sales", ["customers"]).status_code == 200
    alice = fresh(people.alice)
    listing = page(alice).get("/shipments/").content.decode()
    assert mine.number in listing and theirs.number not in listing
    assert page(alice).get(f"/shipments/{mine.pk}/").status_code == 200
    assert page(alice).get(f"/shipments/{theirs.pk}/").status_code == 404
    exported = csv_column(page(alice).get("/shipments/?format=csv"))
    assert mine.number in exported and theirs.number not in exported
    ids = {row["id"] for row in api(alice).get("/api/shipments/").json()["results"]}
    assert ids == {mine.pk}
    assert api(alice).get(f"/api/shipments/{theirs.pk}/").status_code == 404
    # The warehouse, which sees every customer, still ships both.
    ids = {row["id"] for row in api(people.bob).get("/api/shipments/").json()["results"]}
    assert ids == {mine.pk, theirs.pk}
