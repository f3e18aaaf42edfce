"""Factories for the sales, purchasing, production and shipping tests."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from processes.production import services as production
from processes.sales import services as sales
from tests.processes.factories import (
    make_customer,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)

D = Decimal


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Documents (PDFs) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_order(*lines, party=None, confirm: bool = False, reserve: bool = False, user=None):
    """An order of (product, quantity[, discount]) lines; confirmed / reserved on request."""
    rows = [
        {"product": row[0], "quantity": row[1], "discount_percent": row[2] if len(row) > 2 else 0}
        for row in lines
    ]
    order = sales.order_create(party=party or make_customer(), lines=rows, user=user)
    if confirm or reserve:
        order = sales.order_confirm(order=order)
    if reserve:
        sales.order_reserve_stock(order=order)
        order.refresh_from_db()
    return order


def stocked(sku: str = "CHAIR", quantity=10, warehouse=None, **extra):
    """A product with `quantity` in stock (in `warehouse`, else a new one)."""
    product = make_product(sku, **extra)
    stock(product, warehouse or make_warehouse(), quantity)
    return product


def oak_desk():
    """The two-level oak desk: desk = 1 frame + 1 tabletop; frame = 4 m tube + 8 screws."""
    supplier = make_supplier("Timber & Steel")
    kinds = {"kind": "purchased", "default_supplier": supplier}
    parts = SimpleNamespace(
        supplier=supplier,
        desk=make_product("OAK-DESK", kind="manufactured", list_price=D("890.00")),
        frame=make_product("DESK-FRAME", kind="manufactured"),
        top=make_product("OAK-TOP", standard_cost=D("180.00"), **kinds),
        tube=make_product("STEEL-TUBE", unit="m", standard_cost=D("6.50"), **kinds),
        screw=make_product("SCREW-M6", standard_cost=D("0.05"), **kinds),
    )
    production.bom_create(
        product=parts.desk,
        lines=[{"component": parts.frame, "quantity": 1}, {"component": parts.top, "quantity": 1}],
    )
    production.bom_create(
        product=parts.frame,
        lines=[{"component": parts.tube, "quantity": 4}, {"component": parts.screw, "quantity": 8}],
    )
    return parts
