from decimal import Decimal

import pytest

from engine.exceptions import InvalidData
from processes.common.errors import InvalidTransition
from processes.inventory.models import Reservation, StockLevel, StockMove
from processes.production import services
from processes.production.models import BillOfMaterials, ManufacturingOrder
from processes.production.selectors import bom_tree
from tests.processes.business import oak_desk
from tests.processes.factories import make_product, make_warehouse, stock

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def main():
    return make_warehouse("WH1")


@pytest.fixture
def parts(main):
    return oak_desk()


def on_hand(product) -> Decimal:
    return sum((level.on_hand for level in StockLevel.objects.filter(product=product)), D(0))


def test_a_bom_is_for_a_manufactured_product_and_replaces_the_active_one(parts):
    first = BillOfMaterials.objects.get(product=parts.frame, is_active=True)
    second = services.bom_create(
        product=parts.frame, lines=[{"component": parts.tube, "quantity": "4.5"}]
    )
    first.refresh_from_db()
    assert (first.is_active, second.is_active) == (False, True)
    with pytest.raises(InvalidData):
        services.bom_create(product=parts.top, lines=[{"component": parts.tube, "quantity": 1}])
    with pytest.raises(InvalidData):
        services.bom_create(product=parts.frame, lines=[])
    with pytest.raises(InvalidData):
        services.bom_create(
            product=parts.frame,
            lines=[
                {"component": parts.tube, "quantity": 1},
                {"component": parts.tube, "quantity": 2},
            ],
        )


def test_a_bom_may_not_contain_what_is_made_from_its_product(parts):
    with pytest.raises(InvalidData) as refused:
        services.bom_create(product=parts.frame, lines=[{"component": parts.desk, "quantity": 1}])
    assert "lines" in refused.value.errors
    with pytest.raises(InvalidData):
        services.bom_create(product=parts.desk, lines=[{"component": parts.desk, "quantity": 1}])


def test_the_bom_tree_shows_both_levels(parts):
    tree = bom_tree(parts.desk, quantity=2)
    assert [(row["component"].sku, row["quantity"]) for row in tree] == [
        ("DESK-FRAME", 2),
        ("OAK-TOP", 2),
    ]
    frame = tree[0]["components"]
    assert [(row["component"].sku, row["quantity"]) for row in frame] == [
        ("STEEL-TUBE", 8),
        ("SCREW-M6", 16),
    ]


def test_planning_explodes_the_bom_and_plans_the_missing_frames(parts):
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=3, reference="SO-00001")
    assert (mo.status, mo.number, mo.reference) == ("planned", f"MO-{mo.pk:05d}", "SO-00001")
    assert sorted((c.product.sku, c.quantity) for c in mo.components.all()) == [
        ("DESK-FRAME", 3),
        ("OAK-TOP", 3),
    ]
    (frames,) = mo.sub_orders.all()
    assert (frames.product, frames.quantity, frames.reference) == (parts.frame, 3, mo.number)
    assert sorted((c.product.sku, c.quantity) for c in frames.components.all()) == [
        ("SCREW-M6", 24),
        ("STEEL-TUBE", 12),
    ]
    assert not frames.sub_orders.exists()


def test_frames_in_stock_are_not_planned_again(parts, main):
    stock(parts.frame, main, 2)
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=3)
    assert [s.quantity for s in mo.sub_orders.all()] == [1]
    stock(parts.frame, main, 5)
    assert not services.manufacturing_order_plan(product=parts.desk, quantity=3).sub_orders.exists()


def test_only_products_with_an_active_bom_are_planned(parts):
    with pytest.raises(InvalidData):
        services.manufacturing_order_plan(product=parts.top, quantity=1)
    with pytest.raises(InvalidData):
        services.manufacturing_order_plan(product=parts.desk, quantity=0)
    assert not ManufacturingOrder.objects.exists()


def test_component_shortages_are_reported_and_reserved_later(parts, main):
    stock(parts.frame, main, 3)
    stock(parts.top, main, 1)
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=3)
    result = services.mo_reserve_components(mo=mo)
    assert not result.all_reserved
    assert [(s.component.product.sku, s.quantity) for s in result.short] == [("OAK-TOP", 2)]
    assert ManufacturingOrder.objects.get(pk=mo.pk).status == "planned"
    with pytest.raises(InvalidTransition):
        services.mo_start(mo=mo)
    stock(parts.top, main, 2)
    assert services.mo_reserve_components(mo=mo).all_reserved
    mo.refresh_from_db()
    assert mo.status == "components_reserved"
    assert Reservation.objects.filter(reference=mo.number, status="active").count() == 3


def test_make_check_and_finish_moves_the_stock(parts, main):
    stock(parts.frame, main, 5)
    stock(parts.top, main, 5)
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=4)
    services.mo_reserve_components(mo=mo)
    mo = services.mo_start(mo=mo)
    assert mo.status == "in_progress" and mo.started_at
    with pytest.raises(InvalidData):
        services.mo_record_output(mo=mo, produced=4, scrap=1)
    mo = services.mo_record_output(mo=mo, produced=3, scrap=1)
    assert mo.status == "quality_check"
    with pytest.raises(InvalidTransition):
        services.mo_start(mo=mo)
    mo = services.mo_quality_check(mo=mo, passed=True)
    mo = services.mo_finish(mo=mo)
    assert mo.status == "done" and mo.finished_at
    assert (on_hand(parts.desk), on_hand(parts.frame), on_hand(parts.top)) == (3, 1, 1)
    kinds = dict(
        StockMove.objects.filter(reference=mo.number, product=parts.desk).values_list(
            "kind", "quantity"
        )
    )
    assert kinds == {"production_in": D("4.000"), "scrap": D("-1.000")}
    consumed = StockMove.objects.filter(reference=mo.number, kind="consumption")
    assert sorted(consumed.values_list("quantity", flat=True)) == [-4, -4]
    with pytest.raises(InvalidTransition):
        services.mo_finish(mo=mo)


def test_a_failed_quality_check_sends_it_back_to_production(parts, main):
    stock(parts.frame, main, 1)
    stock(parts.top, main, 1)
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=1)
    services.mo_reserve_components(mo=mo)
    services.mo_start(mo=mo)
    mo = services.mo_record_output(mo=mo, produced=1)
    with pytest.raises(InvalidTransition):
        services.mo_finish(mo=mo)  # not checked yet
    mo = services.mo_quality_check(mo=mo, passed=False)
    assert (mo.status, mo.produced_quantity, mo.quality_passed) == ("in_progress", 0, False)
    with pytest.raises(InvalidTransition):
        services.mo_finish(mo=mo)
    assert on_hand(parts.desk) == 0


def test_cancelling_releases_components_and_unstarted_sub_orders(parts, main):
    stock(parts.top, main, 2)
    mo = services.manufacturing_order_plan(product=parts.desk, quantity=2)
    services.mo_reserve_components(mo=mo)
    assert StockLevel.objects.get(product=parts.top).reserved == 2
    mo = services.mo_cancel(mo=mo)
    assert mo.status == "cancelled"
    assert StockLevel.objects.get(product=parts.top).reserved == 0
    assert set(mo.sub_orders.values_list("status", flat=True)) == {"cancelled"}
    with pytest.raises(InvalidTransition):
        services.mo_cancel(mo=mo)


def test_an_all_scrap_run_leaves_nothing_in_stock(parts, main):
    other = make_product("BOX", kind="manufactured")
    services.bom_create(product=other, lines=[{"component": parts.screw, "quantity": 1}])
    stock(parts.screw, main, 1)
    mo = services.manufacturing_order_plan(product=other, quantity=1)
    services.mo_reserve_components(mo=mo)
    services.mo_start(mo=mo)
    services.mo_record_output(mo=mo, produced=0, scrap=1)
    services.mo_quality_check(mo=mo, passed=True)
    services.mo_finish(mo=mo)
    assert on_hand(other) == 0
