"""Writes of the inventory: stock in and out, reservations, counts, warehouses, reorder rules.

Every change of a stock level is an `F()` update on a locked row (see locks.py) plus the
StockMove lines that explain it; the database's check constraints keep on_hand and
reserved non-negative and reserved within on_hand whatever happens.
"""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.common.errors import InvalidTransition, NotEnoughStock, invalid
from processes.common.money import format_number
from processes.common.updates import clean_and_save, model_update
from processes.inventory.locks import lock_reservation, lock_stock_level, lock_stock_levels
from processes.inventory.models import ReorderRule, Reservation, StockLevel, StockMove, Warehouse

Kind = StockMove.Kind
IN_KINDS = (Kind.RECEIPT, Kind.PRODUCTION_IN)
OUT_KINDS = (Kind.ISSUE, Kind.CONSUMPTION, Kind.SCRAP)
STEP = Decimal("0.001")


def _quantity(value: Decimal | int | str, *, field: str = "quantity") -> Decimal:
    quantity = Decimal(str(value))
    if quantity <= 0:
        raise invalid(field, _("The quantity must be greater than zero."))
    if quantity != quantity.quantize(STEP):
        raise invalid(field, _("Quantities have at most three decimal places."))
    return quantity


def _kind(kind: str, allowed: tuple[str, ...]) -> str:
    if kind not in allowed:
        raise invalid(
            "kind",
            _("“%(value)s” is not a kind of stock move here; it is one of: %(allowed)s.")
            % {"value": kind, "allowed": ", ".join(allowed)},
        )
    return kind


def _short(*, available, product, warehouse: Warehouse, quantity) -> NotEnoughStock:
    """Less is available than a move needs: the refusal naming the product and warehouse."""
    return NotEnoughStock(
        _("Only %(available)s of %(product)s is available in %(warehouse)s, not %(quantity)s.")
        % {
            "available": format_number(available),
            "product": getattr(product, "name", product),
            "warehouse": warehouse.name,
            "quantity": format_number(quantity),
        }
    )


def _change(level: StockLevel, *, on_hand: Decimal = Decimal(0), reserved: Decimal = Decimal(0)):
    StockLevel.objects.filter(pk=level.pk).update(
        on_hand=F("on_hand") + on_hand, reserved=F("reserved") + reserved
    )


def _move(*, level: StockLevel, quantity: Decimal, kind: str, reference: str, **extra):
    return StockMove.objects.create(
        product_id=level.product_id,
        warehouse_id=level.warehouse_id,
        quantity=quantity,
        kind=kind,
        reference=reference,
        **extra,
    )


@transaction.atomic
def stock_receive(
    *, product, warehouse: Warehouse, quantity, reference: str, kind: str = "receipt", user=None
) -> StockMove:
    """Put `quantity` into `warehouse`: goods received (`receipt`) or made (`production_in`)."""
    quantity, kind = _quantity(quantity), _kind(kind, IN_KINDS)
    level = lock_stock_level(product=product, warehouse=warehouse, create=True)
    _change(level, on_hand=quantity)
    return _move(level=level, quantity=quantity, kind=kind, reference=reference, user=user)


@transaction.atomic
def stock_issue(
    *, product, warehouse: Warehouse, quantity, reference: str, kind: str = "issue", user=None
) -> StockMove:
    """Take `quantity` out without a reservation (`issue`, `consumption` or `scrap`).

    Only what is available may go: stock promised to reservations stays. Raises
    NotEnoughStock (HTTP 409) otherwise, and nothing changes.
    """
    quantity, kind = _quantity(quantity), _kind(kind, OUT_KINDS)
    level = lock_stock_level(product=product, warehouse=warehouse)
    available = level.available if level else Decimal(0)
    if available < quantity:
        raise _short(available=available, product=product, warehouse=warehouse, quantity=quantity)
    _change(level, on_hand=-quantity)
    return _move(level=level, quantity=-quantity, kind=kind, reference=reference, user=user)


@transaction.atomic
def stock_adjust(
    *, product, warehouse: Warehouse, quantity, reference: str, user=None
) -> StockMove:
    """Correct on-hand stock by a signed `quantity` (a count difference, a found box ...).

    A decrease may not touch reserved stock: it raises NotEnoughStock instead.
    """
    delta = Decimal(str(quantity))
    if delta == 0:
        raise invalid("quantity", _("An adjustment must change the stock."))
    _quantity(abs(delta))
    level = lock_stock_level(product=product, warehouse=warehouse, create=delta > 0)
    available = level.available if level else Decimal(0)
    if delta < 0 and available < -delta:
        raise _short(available=available, product=product, warehouse=warehouse, quantity=-delta)
    _change(level, on_hand=delta)
    return _move(level=level, quantity=delta, kind=Kind.ADJUSTMENT, reference=reference, user=user)


@transaction.atomic
def stock_count(
    *, product, warehouse: Warehouse, counted, reference: str, user=None
) -> StockMove | None:
    """Set on-hand stock to what was counted, as an adjustment; None when it already matches."""
    counted = Decimal(str(counted))
    if counted < 0:
        raise invalid("counted", _("A count cannot be negative."))
    level = lock_stock_level(product=product, warehouse=warehouse, create=True)
    if counted == level.on_hand:
        return None
    return stock_adjust(
        product=product,
        warehouse=warehouse,
        quantity=counted - level.on_hand,
        reference=reference,
        user=user,
    )


@transaction.atomic
def stock_transfer(
    *, product, source: Warehouse, destination: Warehouse, quantity, reference: str = "", user=None
) -> tuple[StockMove, StockMove]:
    """Move `quantity` of `product` from `source` to `destination`: two `transfer` lines in
    the ledger (out of one, into the other) under one reference.

    Only available stock moves (reserved stock stays promised): NotEnoughStock (HTTP 409)
    otherwise, and nothing changes. Both levels are locked in primary-key order.
    """
    quantity = _quantity(quantity)
    if source.pk == destination.pk:
        raise invalid("destination", _("A transfer goes to another warehouse."))
    if not destination.is_active:
        raise invalid(
            "destination",
            _("The warehouse %(warehouse)s is closed.") % {"warehouse": destination.name},
        )
    StockLevel.objects.get_or_create(product=product, warehouse=destination)
    levels = lock_stock_levels(product_ids=[product.pk], warehouse_ids=[source.pk, destination.pk])
    by_warehouse = {level.warehouse_id: level for level in levels}
    out, into = by_warehouse.get(source.pk), by_warehouse[destination.pk]
    available = out.available if out else Decimal(0)
    if available < quantity:
        raise _short(available=available, product=product, warehouse=source, quantity=quantity)
    reference = reference or f"{source.code} → {destination.code}"
    _change(out, on_hand=-quantity)
    _change(into, on_hand=quantity)
    moved_out = _move(
        level=out, quantity=-quantity, kind=Kind.TRANSFER, reference=reference, user=user
    )
    moved_in = _move(
        level=into, quantity=quantity, kind=Kind.TRANSFER, reference=reference, user=user
    )
    return moved_out, moved_in


@transaction.atomic
def stock_reserve(
    *, product, quantity, reference: str, warehouse: Warehouse | None = None, user=None
) -> Reservation | None:
    """Promise `quantity` of `product` to `reference`, all from one warehouse, or nothing.

    Takes the first warehouse (in the order they were set up, or only `warehouse`) whose
    available stock covers the whole quantity and returns the active Reservation; when
    none does, returns None and changes nothing. Locked rows make concurrent calls queue,
    so stock is never promised twice and available never drops below zero.
    """
    quantity = _quantity(quantity)
    levels = lock_stock_levels(
        product_ids=[product.pk], warehouse_ids=[warehouse.pk] if warehouse else None
    )
    enough = [level for level in levels if level.available >= quantity]
    if not enough:
        return None
    level = min(enough, key=lambda row: row.warehouse_id)
    _change(level, reserved=quantity)
    reservation = Reservation.objects.create(
        product=product,
        warehouse_id=level.warehouse_id,
        quantity=quantity,
        reference=reference,
        user=user,
    )
    _move(
        level=level,
        quantity=quantity,
        kind=Kind.RESERVATION,
        reference=reference,
        reservation=reservation,
        user=user,
    )
    return reservation


def _close(reservation: Reservation, *, status: str, on_hand_kind: str | None, user) -> Reservation:
    locked = lock_reservation(reservation)
    if locked.status != Reservation.Status.ACTIVE:
        if locked.status == Reservation.Status.CONSUMED:
            message = _("The reservation for %(reference)s is used up already.")
        else:
            message = _("The reservation for %(reference)s is released already.")
        raise InvalidTransition(message % {"reference": locked.reference})
    level = lock_stock_level(product=locked.product_id, warehouse=locked.warehouse_id)
    quantity = locked.quantity
    _change(level, reserved=-quantity, on_hand=-quantity if on_hand_kind else Decimal(0))
    kinds = [Kind.RELEASE, on_hand_kind] if on_hand_kind else [Kind.RELEASE]
    StockMove.objects.bulk_create(
        StockMove(
            product_id=level.product_id,
            warehouse_id=level.warehouse_id,
            quantity=-quantity,
            kind=kind,
            reference=locked.reference,
            reservation=locked,
            user=user,
        )
        for kind in kinds
    )
    locked.status, locked.closed_at = status, timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


@transaction.atomic
def reservation_release(*, reservation: Reservation, user=None) -> Reservation:
    """Give reserved stock back to available (an order cancelled or changed)."""
    return _close(reservation, status=Reservation.Status.RELEASED, on_hand_kind=None, user=user)


@transaction.atomic
def reservation_consume(*, reservation: Reservation, kind: str = "issue", user=None) -> Reservation:
    """Ship (`issue`) or use up (`consumption`) reserved stock: on hand and reserved both drop.

    Raises InvalidTransition (HTTP 409) for a reservation no longer active.
    """
    kind = _kind(kind, (Kind.ISSUE, Kind.CONSUMPTION))
    return _close(reservation, status=Reservation.Status.CONSUMED, on_hand_kind=kind, user=user)


@transaction.atomic
def warehouse_create(
    *, code: str, name: str, address: str = "", is_active: bool = True
) -> Warehouse:
    """Set up a warehouse; its code is short and unique (WH1, SHOP ...)."""
    warehouse = Warehouse(
        code=code.strip().upper(), name=name.strip(), address=address, is_active=is_active
    )
    return clean_and_save(warehouse)


@transaction.atomic
def warehouse_update(*, warehouse: Warehouse, data: dict[str, Any]) -> Warehouse:
    """Rename or (de)activate a warehouse; the code stays."""
    warehouse, _changed = model_update(
        instance=warehouse, data=data, fields={"name", "address", "is_active"}
    )
    return warehouse


@transaction.atomic
def reorder_rule_set(*, product, warehouse: Warehouse, min_qty, max_qty) -> ReorderRule:
    """Keep `product` between min_qty and max_qty in `warehouse` (adds or replaces the rule)."""
    min_qty, max_qty = Decimal(str(min_qty)), Decimal(str(max_qty))
    if max_qty < min_qty:
        raise invalid("max_qty", _("The maximum must not be below the minimum."))
    rule = ReorderRule.objects.select_for_update().filter(
        product=product, warehouse=warehouse
    ).first() or ReorderRule(product=product, warehouse=warehouse)
    rule.min_qty, rule.max_qty = min_qty, max_qty
    return clean_and_save(rule)
