"""Reads of the operations reports: what the stock is worth per warehouse, what was bought
from each supplier, and what production made and scrapped — each a grouped query in the
database, money in Decimal with its currency.

- Stock is valued as of now: on hand × the product's standard cost, and × its list price
  (both kept in the company currency).
- Purchases are the purchase orders sent to the supplier in the period and not cancelled,
  at their net and gross totals in their own currency, ranked by the net in the company
  currency at each order's stored rate.
- Production is the manufacturing orders finished (done) in the period, per product.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from processes.common.money import company_currency
from processes.inventory.models import StockLevel
from processes.kpis.periods import Period, cents, quantity
from processes.procurement.models import PurchaseOrder
from processes.production.models import ManufacturingOrder

MONEY = DecimalField(max_digits=20, decimal_places=5)
PURCHASED = (
    PurchaseOrder.Status.SENT,
    PurchaseOrder.Status.PARTIALLY_RECEIVED,
    PurchaseOrder.Status.RECEIVED,
)
TOP_LINES = 50


def _at(price: str) -> ExpressionWrapper:
    return ExpressionWrapper(F("on_hand") * F(f"product__{price}"), MONEY)


def _held():
    return StockLevel.objects.filter(on_hand__gt=0)


def stock_by_warehouse() -> list[dict]:
    """Per warehouse holding stock: how many products, their worth at standard cost and at
    list price (company currency)."""
    rows = (
        _held()
        .values("warehouse_id", "warehouse__code", "warehouse__name")
        .annotate(
            products=Count("product_id"),
            cost=Sum(_at("standard_cost")),
            price=Sum(_at("list_price")),
        )
        .order_by("warehouse__code")
    )
    currency = company_currency()
    return [
        {
            "warehouse_id": row["warehouse_id"],
            "code": row["warehouse__code"],
            "name": row["warehouse__name"],
            "products": row["products"],
            "cost": cents(row["cost"]),
            "price": cents(row["price"]),
            "currency": currency,
        }
        for row in rows
    ]


def stock_totals() -> dict:
    """All warehouses together: product lines held, worth at cost and at list price."""
    found = _held().aggregate(
        lines=Count("id"), cost=Sum(_at("standard_cost")), price=Sum(_at("list_price"))
    )
    return {
        "lines": found["lines"],
        "cost": cents(found["cost"]),
        "price": cents(found["price"]),
        "currency": company_currency(),
    }


def stock_lines(limit: int | None = TOP_LINES) -> Iterator[dict]:
    """Product × warehouse, the most valuable first: on hand, unit cost, worth at cost and
    at list price; `limit=None` gives them all (the export), read in chunks."""
    rows = (
        _held()
        .annotate(cost=_at("standard_cost"), price=_at("list_price"))
        .values(
            "product_id",
            "product__sku",
            "product__name",
            "product__unit",
            "product__standard_cost",
            "warehouse__code",
            "on_hand",
            "cost",
            "price",
        )
        .order_by("-cost", "product__sku", "warehouse__code")
    )
    currency = company_currency()
    chosen = rows[:limit] if limit else rows
    for row in chosen.iterator(chunk_size=2000):
        yield {
            "product_id": row["product_id"],
            "sku": row["product__sku"],
            "name": row["product__name"],
            "unit": row["product__unit"],
            "warehouse": row["warehouse__code"],
            "on_hand": quantity(row["on_hand"]),
            "unit_cost": cents(row["product__standard_cost"]),
            "cost": cents(row["cost"]),
            "price": cents(row["price"]),
            "currency": currency,
        }


def purchases_by_supplier(period: Period) -> list[dict]:
    """Per supplier and currency: the orders sent in the period and not cancelled, their net
    and gross totals, and the net in the company currency (`worth`, what ranks them)."""
    worth = ExpressionWrapper(F("net_total") * F("exchange_rate"), MONEY)
    rows = (
        PurchaseOrder.objects.filter(period.within("sent_at"), status__in=PURCHASED)
        .values("supplier_id", "supplier__name", "currency")
        .annotate(orders=Count("id"), net=Sum("net_total"), gross=Sum("total"), worth=Sum(worth))
        .order_by("-worth", "supplier__name", "currency")
    )
    company = company_currency()
    return [
        {
            "party_id": row["supplier_id"],
            "name": row["supplier__name"],
            "currency": row["currency"],
            "orders": row["orders"],
            "net": cents(row["net"]),
            "gross": cents(row["gross"]),
            "worth": cents(row["worth"]),
            "company_currency": company,
        }
        for row in rows
    ]


def production_by_product(period: Period) -> list[dict]:
    """Per product: the manufacturing orders finished in the period, the good units made,
    the units scrapped, and the scrap's share of all units made (per cent, one decimal)."""
    rows = (
        ManufacturingOrder.objects.filter(
            period.within("finished_at"), status=ManufacturingOrder.Status.DONE
        )
        .values("product_id", "product__sku", "product__name", "product__unit")
        .annotate(
            orders=Count("id"),
            produced=Sum("produced_quantity"),
            scrap=Sum("scrap_quantity"),
            scrapped_orders=Count("id", filter=Q(scrap_quantity__gt=0)),
        )
        .order_by("-produced", "product__sku")
    )
    return [_production_row(row) for row in rows]


def _production_row(row: dict) -> dict:
    produced, scrap = quantity(row["produced"]), quantity(row["scrap"])
    made = produced + scrap
    rate = (scrap / made * 100).quantize(Decimal("0.1")) if made else Decimal("0.0")
    return {
        "product_id": row["product_id"],
        "sku": row["product__sku"],
        "name": row["product__name"],
        "unit": row["product__unit"],
        "orders": row["orders"],
        "scrapped_orders": row["scrapped_orders"],
        "produced": produced,
        "scrap": scrap,
        "scrap_rate": rate,
    }
