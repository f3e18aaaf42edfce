"""Factories for the business tests: parties, products, warehouses, stock, a funnel."""

from decimal import Decimal
from itertools import count

from processes.catalog import services as catalog
from processes.crm import services as crm
from processes.inventory import services as inventory

_seq = count(1)


def make_customer(name: str | None = None, **extra):
    return crm.party_create(name=name or f"Customer {next(_seq)}", is_customer=True, **extra)


def make_supplier(name: str | None = None, **extra):
    return crm.party_create(name=name or f"Supplier {next(_seq)}", is_supplier=True, **extra)


def make_product(sku: str | None = None, **extra):
    extra.setdefault("name", "Thing")
    extra.setdefault("list_price", Decimal("100.00"))
    return catalog.product_create(sku=sku or f"SKU-{next(_seq)}", **extra)


def make_warehouse(code: str | None = None, **extra):
    code = code or f"W{next(_seq)}"
    return inventory.warehouse_create(code=code, name=extra.pop("name", f"Warehouse {code}"))


def stock(product, warehouse, quantity) -> None:
    inventory.stock_receive(
        product=product, warehouse=warehouse, quantity=Decimal(quantity), reference="test stock"
    )


def make_funnel() -> dict:
    """Lead (10 %) → Proposal (50 %) → Won / Lost, by name."""
    rows = [("Lead", 1, 10, False, False), ("Proposal", 2, 50, False, False)]
    rows += [("Won", 9, 100, True, False), ("Lost", 10, 0, False, True)]
    return {
        name: crm.funnel_stage_create(
            name=name, order=order, probability=p, is_won=won, is_lost=lost
        )
        for name, order, p, won, lost in rows
    }
