"""Reserving the stock that several lines need, in one go (an order, a manufacturing order).

`stock_reserve` promises a whole quantity from one warehouse or nothing. A document
wants more: each line gets what there is, from one warehouse when one holds enough,
else split over the warehouses, and what is missing is reported as short so that it can
be bought or made and reserved by calling again.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from processes.common.errors import invalid
from processes.inventory.locks import lock_stock_levels
from processes.inventory.models import Reservation, Warehouse
from processes.inventory.services import stock_reserve

ZERO = Decimal("0.000")


@dataclass
class Need:
    key: Any  # what the caller knows the line by (a line id ...)
    product: Any
    quantity: Decimal  # still to reserve


@dataclass
class Outcome:
    need: Need
    reservations: list[Reservation] = field(default_factory=list)

    @property
    def reserved(self) -> Decimal:
        return sum((r.quantity for r in self.reservations), ZERO)

    @property
    def short(self) -> Decimal:
        return self.need.quantity - self.reserved


def reserve_needs(needs: Iterable[Need], *, reference: str, user=None) -> list[Outcome]:
    """Reserve what each need asks for, as far as stock allows; one Outcome per need.

    All the products' stock levels are locked first (in primary-key order, as
    inventory/locks.py asks), so the figures read here hold until the commit.
    """
    needs = [need for need in needs if need.quantity > 0]
    levels = lock_stock_levels(product_ids=sorted({need.product.pk for need in needs}))
    available: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for level in sorted(levels, key=lambda row: row.warehouse_id):
        available[level.product_id][level.warehouse_id] = level.available
    warehouses = Warehouse.objects.in_bulk({level.warehouse_id for level in levels})
    outcomes = []
    for need in needs:
        outcome = Outcome(need)
        stock = available[need.product.pk]
        for warehouse_id, quantity in _plan(stock, need.quantity):
            reservation = stock_reserve(
                product=need.product,
                quantity=quantity,
                reference=reference,
                warehouse=warehouses[warehouse_id],
                user=user,
            )
            if reservation is not None:
                stock[warehouse_id] -= quantity
                outcome.reservations.append(reservation)
        outcomes.append(outcome)
    return outcomes


def _plan(stock: dict[int, Decimal], wanted: Decimal) -> list[tuple[int, Decimal]]:
    """(warehouse, quantity) to take: one warehouse holding enough, else each in turn."""
    for warehouse_id, available in stock.items():
        if available >= wanted:
            return [(warehouse_id, wanted)]
    plan, remaining = [], wanted
    for warehouse_id, available in stock.items():
        take = min(available, remaining)
        if take > 0:
            plan.append((warehouse_id, take))
            remaining -= take
    return plan


def main_warehouse(warehouse: Warehouse | None = None) -> Warehouse:
    """`warehouse` if given, else the first active one (where goods go by default)."""
    if warehouse is not None:
        return warehouse
    main = Warehouse.objects.filter(is_active=True).order_by("pk").first()
    if main is None:
        raise invalid("warehouse", _("There is no active warehouse; open one first."))
    return main
