"""Document pages: lists with filters and exports, each document with its lines, statuses
in words, money with currency, links to the customer and products, and its process."""

import csv
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape

from engine.models import HumanTask, ProcessInstance
from processes.production.services import manufacturing_order_plan
from processes.sales.models import SalesOrder
from tests.processes.business import make_order, oak_desk
from tests.processes.factories import make_customer, make_product, make_warehouse, stock
from tests.processes.flows.steps import settle
from web.selectors.documents import KINDS, DocFilters, document_search


@pytest.fixture
def deployed(db, settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": settings.BASE_DIR / "forms" / "schemas"}
    call_command("deploy_processes", stdout=StringIO())


def test_the_orders_list_and_an_order_made_by_hand(login, users):
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("1234.50"))
    order = make_order((chair, 2), party=acme, confirm=True)
    make_order((chair, 1), party=make_customer("Bolt Supplies"))
    client = login(users["alice"])
    html = client.get("/orders/").content.decode()
    assert order.number in html and "Acme Tools" in html and f"/customers/{acme.pk}/" in html
    assert "Confirmed" in html and "€2,469.00" in html
    only = client.get("/orders/", {"status": "confirmed"}).content.decode()
    assert order.number in only and "Bolt Supplies" not in only
    assert "Nothing matches" in client.get("/orders/", {"q": "zzz"}).content.decode()
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f"Sales order {order.number}" in page and "Office chair" in page
    assert f"/products/{chair.pk}/" in page and "Made by hand" in page
    assert "Not reserved" in page and "Not invoiced" in page
    assert client.get("/orders/999999/").status_code == 404


def test_an_export_holds_the_rows_of_the_lists_own_query(login, users):
    chair = make_product("CHAIR", list_price=Decimal("10.00"))
    for name in ("Acme Tools", "Bolt Supplies"):
        make_order((chair, 3), party=make_customer(name))
    client = login(users["erin"])
    text = client.get("/orders/?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    expected = document_search(KINDS["orders"], DocFilters(), users["erin"])
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (o.number, o.party.name, str(o.total)) for o in expected
    ]


def test_an_order_in_its_process_shows_the_stage_and_its_task(login, users, deployed):
    acme = make_customer("Acme Tools")
    chair = make_product("CHAIR", name="Office chair", list_price=Decimal("120.00"))
    stock(chair, make_warehouse("WH1"), 10)
    client = login(users["alice"])
    response = client.post("/orders/new/")
    task = HumanTask.objects.get()
    assert response["Location"] == f"/tasks/{task.pk}/"
    client.post(
        f"/api/tasks/{task.pk}/complete/",
        {"data": {"customer": acme.pk, "lines": [{"product": chair.pk, "quantity": 2}]}},
        content_type="application/json",
    )
    settle()
    order = SalesOrder.objects.get()
    instance = ProcessInstance.objects.get()
    decision = HumanTask.objects.get(element_id="customer_decision")
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert instance.stage and escape(instance.stage) in page
    assert f"/tasks/{decision.pk}/" in page and "moves through the process" in page
    assert f"/monitor/instances/{instance.pk}/" not in page  # alice does not monitor
    assert (
        f"/monitor/instances/{instance.pk}/"
        in login(users["erin"]).get(f"/orders/{order.pk}/").content.decode()
    )
    assert f"/api/quotations/{order.quotation_id}/pdf/" in page


def test_manufacturing_orders_and_who_reads_them(login, users):
    parts = oak_desk()
    main = make_warehouse("WH1")
    stock(parts.frame, main, 2)
    stock(parts.top, main, 2)
    mo = manufacturing_order_plan(product=parts.desk, quantity=Decimal(2), warehouse=main)
    html = login(users["erin"]).get(f"/manufacturing-orders/{mo.pk}/").content.decode()
    assert mo.number in html and "Planned" in html and parts.frame.name in html
    assert login(users["alice"]).get("/manufacturing-orders/").status_code == 200  # reads
    listing = login(users["erin"]).get("/manufacturing-orders/").content.decode()
    assert mo.number in listing and "2 × " in listing
    assert login(users["alice"]).get("/shipments/").status_code == 200
    assert "Nothing here yet" in login(users["bob"]).get("/shipments/").content.decode()
