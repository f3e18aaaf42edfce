"""Row locks on stock, in one place.

Every inventory service that changes stock locks what it touches, always in this order:
first the reservation (if any), then the stock levels in primary-key order. A caller
that reserves several products in one transaction locks them all up front with
`lock_stock_levels`, so two orders for the same products queue instead of deadlocking.
The querysets are evaluated here: a lazy queryset takes no lock.
"""

from collections.abc import Iterable

from processes.inventory.models import Reservation, StockLevel


def lock_stock_levels(
    *, product_ids: Iterable[int], warehouse_ids: Iterable[int] | None = None
) -> list[StockLevel]:
    """Lock and return the stock levels of these products (in these warehouses), by pk."""
    qs = StockLevel.objects.select_for_update().filter(product_id__in=list(product_ids))
    if warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(warehouse_ids))
    return list(qs.order_by("pk"))


def lock_stock_level(*, product, warehouse, create: bool = False) -> StockLevel | None:
    """Lock the level of `product` in `warehouse`; with `create`, make it first if missing."""
    if create:
        # get_or_create survives a concurrent insert (unique constraint, then a re-read).
        StockLevel.objects.get_or_create(product=product, warehouse=warehouse)
    return (
        StockLevel.objects.select_for_update().filter(product=product, warehouse=warehouse).first()
    )


def lock_reservation(reservation: Reservation) -> Reservation:
    """Lock the reservation and return it as the database has it now."""
    return Reservation.objects.select_for_update().get(pk=reservation.pk)
