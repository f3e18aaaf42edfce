from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition, NotEnoughStock
from processes.inventory import services
from processes.inventory.models import Reservation, StockLevel, StockMove
from processes.inventory.selectors import ledger_totals
from tests.factories import make_user
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_product("DESK")


@pytest.fixture
def main():
    return make_warehouse("WH1")


def level(product, warehouse) -> StockLevel:
    return StockLevel.objects.get(product=product, warehouse=warehouse)


def assert_ledger_matches(product, warehouse):
    row = level(product, warehouse)
    assert ledger_totals(product=product, warehouse=warehouse) == (row.on_hand, row.reserved)


def test_receive_adds_on_hand_and_writes_the_ledger(desk, main):
    bob = make_user("bob", "warehouse")
    move = services.stock_receive(
        product=desk, warehouse=main, quantity=Decimal("10"), reference="PO-1", user=bob
    )
    assert (move.kind, move.quantity, move.reference, move.user) == ("receipt", 10, "PO-1", bob)
    services.stock_receive(
        product=desk, warehouse=main, quantity=2, reference="MO-1", kind="production_in"
    )
    assert level(desk, main).on_hand == Decimal("12.000")
    assert_ledger_matches(desk, main)


@pytest.mark.parametrize("quantity", [0, -1, "0.0001"])
def test_receive_refuses_bad_quantities(desk, main, quantity):
    with pytest.raises(InvalidData):
        services.stock_receive(product=desk, warehouse=main, quantity=quantity, reference="x")
    assert not StockMove.objects.exists()


def test_receive_refuses_outgoing_kinds(desk, main):
    with pytest.raises(InvalidData):
        services.stock_receive(
            product=desk, warehouse=main, quantity=1, reference="x", kind="issue"
        )


def test_reserve_takes_stock_from_available(desk, main):
    stock(desk, main, 10)
    reservation = services.stock_reserve(product=desk, quantity=3, reference="SO-1")
    assert reservation.status == Reservation.Status.ACTIVE and reservation.warehouse == main
    row = level(desk, main)
    assert (row.on_hand, row.reserved, row.available) == (10, 3, 7)
    move = StockMove.objects.get(kind="reservation")
    assert move.quantity == 3 and move.reservation == reservation
    assert_ledger_matches(desk, main)


def test_reserve_is_all_or_nothing_from_one_warehouse(desk, main):
    shop = make_warehouse("WH2")
    stock(desk, main, 4)
    stock(desk, shop, 4)
    assert services.stock_reserve(product=desk, quantity=5, reference="SO-1") is None
    assert not Reservation.objects.exists()
    assert StockLevel.objects.filter(reserved__gt=0).count() == 0
    services.stock_reserve(product=desk, quantity=3, reference="SO-2")
    second = services.stock_reserve(product=desk, quantity=3, reference="SO-3")
    assert second.warehouse == shop  # the first warehouse has only 1 left


def test_reserve_never_promises_more_than_available(desk, main):
    stock(desk, main, 2)
    assert services.stock_reserve(product=desk, quantity=2, reference="SO-1") is not None
    assert services.stock_reserve(product=desk, quantity=1, reference="SO-2") is None
    assert level(desk, main).available == 0


def test_reserve_in_a_named_warehouse_only(desk, main):
    shop = make_warehouse("WH2")
    stock(desk, main, 5)
    assert services.stock_reserve(product=desk, quantity=1, reference="x", warehouse=shop) is None
    assert services.stock_reserve(product=desk, quantity=1, reference="x", warehouse=main)


def test_reserve_without_any_stock_row(desk):
    assert services.stock_reserve(product=desk, quantity=1, reference="SO-1") is None


def test_release_gives_stock_back_once(desk, main):
    stock(desk, main, 5)
    reservation = services.stock_reserve(product=desk, quantity=5, reference="SO-1")
    services.reservation_release(reservation=reservation)
    reservation.refresh_from_db()
    assert reservation.status == "released" and reservation.closed_at
    assert level(desk, main).available == 5
    with pytest.raises(InvalidTransition):
        services.reservation_release(reservation=reservation)
    assert level(desk, main).reserved == 0
    assert_ledger_matches(desk, main)


def test_consume_takes_on_hand_and_reserved_down(desk, main):
    stock(desk, main, 10)
    reservation = services.stock_reserve(product=desk, quantity=3, reference="SO-1")
    services.reservation_consume(reservation=reservation)
    row = level(desk, main)
    assert (row.on_hand, row.reserved) == (7, 0)
    kinds = list(StockMove.objects.filter(reservation=reservation).values_list("kind", "quantity"))
    assert sorted(kinds) == [("issue", -3), ("release", -3), ("reservation", 3)]
    with pytest.raises(InvalidTransition):
        services.reservation_consume(reservation=reservation)
    with pytest.raises(InvalidTransition):
        services.reservation_release(reservation=reservation)
    assert level(desk, main).on_hand == 7
    assert_ledger_matches(desk, main)


def test_consume_for_production(desk, main):
    stock(desk, main, 2)
    reservation = services.stock_reserve(product=desk, quantity=2, reference="MO-1")
    services.reservation_consume(reservation=reservation, kind="consumption")
    assert StockMove.objects.filter(kind="consumption", quantity=-2).exists()
    stock(desk, main, 1)
    other = services.stock_reserve(product=desk, quantity=1, reference="x")
    with pytest.raises(InvalidData):
        services.reservation_consume(reservation=other, kind="scrap")


def test_issue_only_from_available(desk, main):
    stock(desk, main, 5)
    services.stock_reserve(product=desk, quantity=4, reference="SO-1")
    with pytest.raises(NotEnoughStock):
        services.stock_issue(product=desk, warehouse=main, quantity=2, reference="x")
    services.stock_issue(product=desk, warehouse=main, quantity=1, reference="x", kind="scrap")
    row = level(desk, main)
    assert (row.on_hand, row.reserved) == (4, 4)
    with pytest.raises(NotEnoughStock):
        services.stock_issue(product=make_product(), warehouse=main, quantity=1, reference="x")
    assert_ledger_matches(desk, main)


def test_adjust_up_and_down_but_not_into_reserved(desk, main):
    stock(desk, main, 5)
    services.stock_reserve(product=desk, quantity=3, reference="SO-1")
    services.stock_adjust(product=desk, warehouse=main, quantity=Decimal("1.5"), reference="count")
    services.stock_adjust(product=desk, warehouse=main, quantity=-2, reference="broken")
    assert level(desk, main).on_hand == Decimal("4.5")
    with pytest.raises(NotEnoughStock):
        services.stock_adjust(product=desk, warehouse=main, quantity=-2, reference="lost")
    with pytest.raises(InvalidData):
        services.stock_adjust(product=desk, warehouse=main, quantity=0, reference="none")
    assert_ledger_matches(desk, main)


def test_count_sets_on_hand_by_an_adjustment(desk, main):
    stock(desk, main, 5)
    move = services.stock_count(product=desk, warehouse=main, counted=3, reference="count")
    assert move.kind == "adjustment" and move.quantity == -2
    assert services.stock_count(product=desk, warehouse=main, counted=3, reference="c") is None
    assert level(desk, main).on_hand == 3


def test_database_constraints_guard_the_levels(desk, main):
    stock(desk, main, 1)
    row = level(desk, main)
    for on_hand, reserved in [(-1, 0), (1, -1), (1, 2)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            StockLevel.objects.filter(pk=row.pk).update(on_hand=on_hand, reserved=reserved)
    assert (level(desk, main).on_hand, level(desk, main).reserved) == (1, 0)


def test_reorder_rule_set_replaces_and_checks(desk, main):
    services.reorder_rule_set(product=desk, warehouse=main, min_qty=5, max_qty=10)
    rule = services.reorder_rule_set(product=desk, warehouse=main, min_qty=2, max_qty=4)
    assert (rule.min_qty, rule.max_qty) == (2, 4)
    with pytest.raises(InvalidData):
        services.reorder_rule_set(product=desk, warehouse=main, min_qty=5, max_qty=4)


def test_warehouse_codes_are_unique_and_upper_case():
    assert services.warehouse_create(code="wh9", name="Nine").code == "WH9"
    with pytest.raises(InvalidData):
        services.warehouse_create(code="WH9", name="Again")
