"""The production connectors, called as the engine calls them: handler(params, data=...)."""

import pytest

from engine.connectors import ConnectorError, get_connector
from processes.inventory.models import StockLevel
from processes.production.models import ManufacturingOrder
from tests.processes.business import oak_desk
from tests.processes.factories import make_warehouse, stock

pytestmark = pytest.mark.django_db


def call(name: str, params: dict | None = None, **data):
    return get_connector(name)(params or {}, data=data)


def test_plan_to_finished_goods_through_the_connectors():
    main = make_warehouse("WH1")
    parts = oak_desk()
    stock(parts.top, main, 1)
    plan = call(
        "production.plan_order", {"product": parts.desk.pk, "quantity": "2", "reference": "SO-9"}
    )
    (frames,) = plan["sub_orders"]
    assert (plan["sku"], plan["quantity"], frames["sku"], frames["quantity"]) == (
        "OAK-DESK",
        "2.000",
        "DESK-FRAME",
        "2.000",
    )
    short = call("production.reserve_components", mo_id=plan["mo_id"])
    assert short["all_reserved"] is False
    assert {(s["sku"], s["kind"], s["quantity"]) for s in short["short"]} == {
        ("DESK-FRAME", "manufactured", "2.000"),
        ("OAK-TOP", "purchased", "1.000"),
    }
    stock(parts.tube, main, 8)
    stock(parts.screw, main, 16)
    sub = {"mo_id": frames["mo_id"]}
    assert call("production.reserve_components", sub)["all_reserved"]
    assert call("production.start", sub) == {"status": "in_progress"}
    assert call("production.record_output", {**sub, "produced": 2}) == {"status": "quality_check"}
    finished = call("production.finish", sub)  # passes the quality check by default
    assert (finished["finished"], finished["produced"], finished["reference"]) == (
        True,
        "2.000",
        plan["mo_number"],
    )
    stock(parts.top, main, 1)
    assert call("production.reserve_components", {"mo_id": plan["mo_id"]})["all_reserved"]
    call("production.start", {"mo_id": plan["mo_id"]})
    call("production.record_output", {"mo_id": plan["mo_id"], "produced": "2"})
    checked = call("production.quality_check", {"mo_id": plan["mo_id"], "passed": "true"})
    assert checked == {"status": "quality_check", "passed": True}
    assert call("production.finish", {"mo_id": plan["mo_id"]})["status"] == "done"
    assert StockLevel.objects.get(product=parts.desk).on_hand == 2


def test_a_failed_check_through_finish_goes_back_to_production():
    main = make_warehouse("WH1")
    parts = oak_desk()
    stock(parts.frame, main, 1)
    stock(parts.top, main, 1)
    mo = call("production.plan_order", {"product": parts.desk.pk, "quantity": 1})
    for step in ("reserve_components", "start"):
        call(f"production.{step}", {"mo_id": mo["mo_id"]})
    call("production.record_output", {"mo_id": mo["mo_id"], "produced": 1})
    answer = call("production.finish", {"mo_id": mo["mo_id"], "passed": False})
    assert (answer["status"], answer["finished"]) == ("in_progress", False)
    with pytest.raises(ConnectorError) as refused:
        call("production.finish", {"mo_id": mo["mo_id"]})
    assert refused.value.code == "invalid_transition"
    with pytest.raises(ConnectorError) as bad:
        call("production.plan_order", {"product": parts.top.pk, "quantity": 1})
    assert bad.value.code == "invalid_data"
    assert ManufacturingOrder.objects.count() == 1
