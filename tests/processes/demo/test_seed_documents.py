"""The demo company's documents: BOMs, quotations, orders, a purchase and a planned MO."""

from io import StringIO

import pytest
from django.core.management import call_command

from processes.catalog.models import Product
from processes.inventory.selectors import product_stock
from processes.procurement.models import PurchaseOrder
from processes.production.models import BillOfMaterials, ManufacturingOrder
from processes.production.selectors import bom_tree
from processes.sales.models import Invoice, Quotation, SalesOrder
from processes.shipment.models import Shipment

pytestmark = pytest.mark.django_db
MODELS = [
    BillOfMaterials,
    Quotation,
    SalesOrder,
    Invoice,
    Shipment,
    PurchaseOrder,
    ManufacturingOrder,
]


def seed(settings) -> str:
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("seed_demo_company", stdout=out)
    return out.getvalue()


def test_the_oak_desk_has_two_levels_and_documents_are_in_several_states(settings):
    assert "2 bills of materials" in seed(settings)
    desk = Product.objects.get(sku="OAK-DESK")
    tree = bom_tree(desk)
    frame = next(row for row in tree if row["component"].sku == "DESK-FRAME")
    assert {row["component"].sku for row in frame["components"]} == {"STEEL-TUBE", "SCREW-M6"}
    assert set(Quotation.objects.values_list("status", flat=True)) == {"draft", "sent", "rejected"}
    states = set(SalesOrder.objects.values_list("status", "fulfilment_status", "billing_status"))
    assert states == {
        ("draft", "unreserved", "not_invoiced"),
        ("confirmed", "reserved", "not_invoiced"),
        ("confirmed", "delivered", "partially_paid"),
    }
    assert Quotation.objects.get(status="sent").pdf
    assert PurchaseOrder.objects.get().status == "sent"
    assert ManufacturingOrder.objects.get().status == "planned"
    lamps = product_stock(Product.objects.get(sku="LAMP-LED"))
    assert (lamps.on_hand, lamps.available) == (45, 45)
    for sku in Product.objects.filter(kind="purchased").values_list("sku", flat=True):
        assert Product.objects.get(sku=sku).default_supplier is not None, sku


def test_seeding_twice_adds_no_documents(settings):
    seed(settings)
    first = {model.__name__: model.objects.count() for model in MODELS}
    seed(settings)
    assert {model.__name__: model.objects.count() for model in MODELS} == first
