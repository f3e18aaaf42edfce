"""Supplier bills and purchase orders carry tax like our invoices (docs/taxes.md).

Worked out by hand, a purchase order from Nordic Timber:

    3 × OAK-TOP  at 180.00 = 540.00 net, VAT 20 %  = 108.00
    7 × SCREWS   at  12.35 =  86.45 net, VAT 5.5 % =   4.75475 -> 4.75
    net 626.45, tax 112.75, gross 739.20

billed in two bills: 2 tops (360.00 + 72.00 = 432.00), then the rest (1 top and the
screws: 266.45 + 40.75 = 307.20); 432.00 + 307.20 = 739.20.
"""

from decimal import Decimal

import pytest

from processes.catalog.models import TaxRate
from processes.procurement import services
from processes.procurement.models import SupplierBill
from tests.factories import make_user
from tests.processes.factories import make_product, make_supplier, make_warehouse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def order():
    make_warehouse("WH1")
    vat20 = TaxRate.objects.create(name="VAT 20 %", rate=D("20"), country="FR")
    vat55 = TaxRate.objects.create(name="VAT 5.5 %", rate=D("5.5"), country="FR")
    supplier = make_supplier("Nordic Timber")
    top = make_product("OAK-TOP", standard_cost=D("180.00"), tax_rate=vat20)
    screws = make_product("SCREWS", standard_cost=D("12.35"), tax_rate=vat55)
    order = services.purchase_order_create(
        supplier=supplier,
        lines=[{"product": top, "quantity": 3}, {"product": screws, "quantity": 7}],
    )
    return order


def sent(order):
    services.purchase_order_approve(order=order)
    return services.purchase_order_send(order=order)


def test_a_purchase_order_carries_tax_and_is_approved_on_its_net(order, settings):
    lines = list(order.lines.order_by("id"))
    assert [(line.tax_rate, line.total, line.tax_amount) for line in lines] == [
        (D("20.00"), D("540.00"), D("108.00")),
        (D("5.50"), D("86.45"), D("4.75")),
    ]
    assert (order.net_total, order.tax_total, order.total) == (
        D("626.45"),
        D("112.75"),
        D("739.20"),
    )
    settings.HYPERCRM = {**settings.HYPERCRM, "PURCHASE_APPROVAL_LIMIT": "700.00"}
    assert services.purchase_order_needs_approval(order=order) is False  # 626.45 net


def test_bills_add_up_to_the_order_and_a_wrong_amount_is_refused(order, api):
    dave = make_user("dave", "procurement")
    order = sent(order)
    client = api(dave)
    url = f"/api/purchase-orders/{order.pk}/bills/"
    top_line = order.lines.get(product__sku="OAK-TOP")

    wrong = client.post(url, {"number": "NT-1", "amount": "739.00"})
    assert wrong.status_code == 400
    assert "739.20" in wrong.json()["errors"]["amount"][0]
    assert not SupplierBill.objects.exists()

    first = client.post(
        url,
        {"number": "NT-1", "amount": "432.00", "lines": [{"line": top_line.pk, "quantity": "2"}]},
    )
    assert first.status_code == 201, first.json()
    body = first.json()
    assert (body["currency"], body["net_total"], body["tax_total"], body["amount"]) == (
        "EUR",
        "360.00",
        "72.00",
        "432.00",
    )
    assert body["taxes"] == [{"rate": "20.00", "net": "360.00", "tax": "72.00"}]

    too_many = client.post(url, {"number": "NT-2", "lines": [{"line": top_line.pk, "quantity": 2}]})
    assert too_many.status_code == 400
    assert too_many.json()["errors"]["lines"][0] == (
        f"Line 1: only 1 of {top_line.product.name} is left to bill on {order.number}."
    )

    rest = client.post(url, {"number": "NT-2"})
    assert rest.status_code == 201, rest.json()
    rest = rest.json()
    assert (rest["net_total"], rest["tax_total"], rest["amount"]) == ("266.45", "40.75", "307.20")
    assert rest["taxes"] == [
        {"rate": "20.00", "net": "180.00", "tax": "36.00"},
        {"rate": "5.50", "net": "86.45", "tax": "4.75"},
    ]
    assert sum(bill.amount for bill in SupplierBill.objects.all()) == order.total == D("739.20")

    done = client.post(url, {"number": "NT-3"})
    assert done.status_code == 400 and "billed in full" in done.json()["errors"]["lines"][0]
    assert SupplierBill.objects.count() == 2


def test_a_supplier_abroad_bills_at_its_own_rate(order):
    order = sent(order)
    screws = order.lines.get(product__sku="SCREWS")
    bill = services.supplier_bill_record(
        order=order,
        number="NT-9",
        lines=[{"line": screws.pk, "quantity": 7, "tax_rate": "0"}],
        amount="86.45",
    )
    assert (bill.net_total, bill.tax_total, bill.amount) == (D("86.45"), D("0.00"), D("86.45"))
    bad = {"line": screws.pk, "quantity": 1, "tax_rate": "120"}
    with pytest.raises(Exception, match="percentage"):
        services.supplier_bill_record(order=order, number="NT-10", lines=[bad])
    assert SupplierBill.objects.count() == 1
