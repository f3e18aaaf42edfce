from decimal import Decimal

import pytest

from processes.sales import services
from tests.processes.business import make_order, stocked
from tests.processes.factories import make_customer, make_product, make_supplier

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def chair():
    return stocked("CHAIR", 10, list_price=D("349.00"))


def test_sales_writes_orders_and_moves_them_on(api, people, chair):
    acme = make_customer("Acme")
    body = {"party": acme.pk, "lines": [{"product": chair.pk, "quantity": "3"}]}
    assert api(people.bob).post("/api/sales-orders/", body).status_code == 403
    created = api(people.alice).post("/api/sales-orders/", body)
    assert created.status_code == 201, created.json()
    order = created.json()
    assert (order["status"], order["total"], order["party_name"]) == ("draft", "1047.00", "Acme")
    assert order["lines"][0]["unit_price"] == "349.00" and order["lines"][0]["sku"] == "CHAIR"
    base = f"/api/sales-orders/{order['id']}"
    client = api(people.alice)
    assert client.post(f"{base}/reserve-stock/").status_code == 409
    assert client.post(f"{base}/confirm/").json()["status"] == "confirmed"
    assert client.post(f"{base}/confirm/").status_code == 409
    reserved = client.post(f"{base}/reserve-stock/").json()
    assert reserved["all_reserved"] and reserved["short"] == []
    assert reserved["order"]["fulfilment_status"] == "reserved"
    invoice = client.post(f"{base}/invoice/", {"due_in_days": 7})
    assert invoice.status_code == 201 and invoice.json()["total"] == "1047.00"
    assert client.patch(f"{base}/", {"notes": "x"}).status_code == 405


def test_bad_order_input_answers_400_with_field_errors(api, people, chair):
    client = api(people.alice)
    no_lines = client.post("/api/sales-orders/", {"party": make_customer().pk, "lines": []})
    assert no_lines.status_code == 400 and "lines" in no_lines.json()["errors"]
    supplier_party = client.post(
        "/api/sales-orders/",
        {"party": make_supplier().pk, "lines": [{"product": chair.pk, "quantity": 1}]},
    )
    assert supplier_party.status_code == 400 and "party" in supplier_party.json()["errors"]


def test_orders_are_listed_with_filters(api, people, chair):
    acme, other = make_customer("Acme"), make_customer("Other")
    confirmed = make_order((chair, 1), party=acme, reserve=True)
    make_order((chair, 1), party=other)
    client = api(people.erin)
    assert client.get("/api/sales-orders/").json()["count"] == 2
    rows = client.get(f"/api/sales-orders/?party={acme.pk}").json()["results"]
    assert [row["number"] for row in rows] == [confirmed.number]
    assert client.get("/api/sales-orders/?status=confirmed").json()["count"] == 1
    assert client.get("/api/sales-orders/?fulfilment_status=reserved").json()["count"] == 1
    assert client.get("/api/sales-orders/?billing_status=paid").json()["count"] == 0
    assert client.get(f"/api/sales-orders/?number={confirmed.number}").json()["count"] == 1
    assert client.get("/api/sales-orders/?status=lost").status_code == 400
    assert client.get("/api/sales-orders/?search=Other").json()["count"] == 1
    assert api().get("/api/sales-orders/").status_code in (401, 403)


def test_quotation_round_trip_and_its_pdf(api, people, chair):
    client = api(people.alice)
    created = client.post(
        "/api/quotations/",
        {"party": make_customer().pk, "lines": [{"product": chair.pk, "quantity": 2}]},
    ).json()
    base = f"/api/quotations/{created['id']}"
    assert client.post(f"{base}/accept/").status_code == 409
    assert client.post(f"{base}/send/").json()["status"] == "sent"
    pdf = api(people.bob).get(f"{base}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert client.post(f"{base}/accept/").json()["status"] == "accepted"
    order = client.post(f"{base}/order/")
    assert order.status_code == 201 and order.json()["quotation"] == created["id"]
    assert client.post(f"{base}/order/").status_code == 409
    assert client.get("/api/quotations/?status=accepted").json()["count"] == 1


def test_rejecting_a_quotation_keeps_the_reason(api, people, chair):
    quotation = services.quotation_create(
        party=make_customer(), lines=[{"product": chair, "quantity": 1}]
    )
    answer = api(people.alice).post(
        f"/api/quotations/{quotation.pk}/reject/", {"reason": "Too far away"}
    )
    assert answer.json()["status"] == "rejected" and answer.json()["rejection_reason"]


def test_invoices_take_payments_and_serve_their_pdf(api, people):
    order = make_order((make_product(list_price=D("100.00")), 2), confirm=True)
    invoice = services.invoice_create_for_order(order=order)
    client = api(people.alice)
    base = f"/api/invoices/{invoice.pk}"
    paid = client.post(f"{base}/payments/", {"amount": "150.00", "method": "card"})
    assert paid.status_code == 201 and paid.json()["amount"] == "150.00"
    detail = client.get(f"{base}/").json()
    assert (detail["status"], detail["outstanding"], detail["order_number"]) == (
        "open",
        "50.00",
        order.number,
    )
    assert client.post(f"{base}/payments/", {"amount": "60.00"}).status_code == 400
    assert client.post(f"{base}/payments/", {"amount": "50.00"}).status_code == 201
    assert client.post(f"{base}/payments/", {"amount": "1.00"}).status_code == 409
    assert client.get(f"/api/invoices/?order={order.pk}&status=paid").json()["count"] == 1
    assert client.get(f"/api/payments/?invoice={invoice.pk}").json()["count"] == 2
    assert api(people.bob).post(f"{base}/payments/", {"amount": "1"}).status_code == 403
    assert client.post("/api/invoices/", {}).status_code == 405
    pdf = client.get(f"{base}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert detail["pdf_url"] == f"{base}/pdf/"
