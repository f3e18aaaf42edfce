"""Service-task handlers of the production process (plan-to-finished-goods), by name.

Each takes plain params (ids, quantities; a missing param is looked up in the process
data, where the manufacturing order is `mo_id`) and answers a JSON-ready dict. See
processes/common/connectors.py for the errors.
"""

from processes.catalog.models import Product
from processes.common.connectors import as_bool, as_decimal, as_id, user_of, value
from processes.inventory.models import Warehouse
from processes.ownership.services import document_claim
from processes.production import services
from processes.production.models import ManufacturingOrder


def _mo(params, data) -> ManufacturingOrder:
    return ManufacturingOrder.objects.get(pk=as_id(value(params, data, "mo_id")))


def _summary(mo: ManufacturingOrder) -> dict:
    return {
        "mo_id": mo.pk,
        "mo_number": mo.number,
        "product_id": mo.product_id,
        "sku": mo.product.sku,
        "quantity": str(mo.quantity),
    }


def plan_order(params: dict, *, data: dict) -> dict:
    """{product, quantity, reference?, warehouse?} → the order and its sub-orders"""
    warehouse = value(params, data, "warehouse", None)
    mo = services.manufacturing_order_plan(
        product=Product.objects.get(pk=as_id(value(params, data, "product"))),
        quantity=as_decimal(value(params, data, "quantity")),
        reference=str(value(params, data, "reference", "")),
        warehouse=Warehouse.objects.get(pk=as_id(warehouse)) if warehouse else None,
        user=user_of(value(params, data, "user", None)),
    )
    document_claim(document=mo)
    subs = [_summary(sub) for sub in mo.sub_orders.select_related("product").order_by("pk")]
    return {**_summary(mo), "sub_orders": subs}


def reserve_components(params: dict, *, data: dict) -> dict:
    """{mo_id} → {all_reserved, short: [{product_id, sku, kind, quantity}], status}"""
    result = services.mo_reserve_components(mo=_mo(params, data))
    short = [
        {
            "product_id": s.component.product_id,
            "sku": s.component.product.sku,
            "kind": s.component.product.kind,
            "quantity": str(s.quantity),
        }
        for s in result.short
    ]
    return {"all_reserved": result.all_reserved, "short": short, "status": result.mo.status}


def start(params: dict, *, data: dict) -> dict:
    """{mo_id} → {status}"""
    return {"status": services.mo_start(mo=_mo(params, data)).status}


def record_output(params: dict, *, data: dict) -> dict:
    """{mo_id, produced, scrap?} → {status}"""
    mo = services.mo_record_output(
        mo=_mo(params, data),
        produced=as_decimal(value(params, data, "produced")),
        scrap=as_decimal(value(params, data, "scrap", 0)),
    )
    return {"status": mo.status}


def quality_check(params: dict, *, data: dict) -> dict:
    """{mo_id, passed} → {status, passed}"""
    mo = services.mo_quality_check(
        mo=_mo(params, data), passed=as_bool(value(params, data, "passed"))
    )
    return {"status": mo.status, "passed": mo.quality_passed}


def finish(params: dict, *, data: dict) -> dict:
    """{mo_id, passed?}: records the quality check first when it is not yet recorded (a
    failed one sends the order back to production instead of finishing it)
    → {mo_id, mo_number, product_id, sku, quantity, status, finished, produced, reference}"""
    mo = _mo(params, data)
    sent_back = False
    if mo.status == ManufacturingOrder.Status.QUALITY_CHECK and mo.quality_passed is None:
        mo = services.mo_quality_check(mo=mo, passed=as_bool(value(params, data, "passed", True)))
        sent_back = not mo.quality_passed
    if not sent_back:
        mo = services.mo_finish(mo=mo)
    return {
        **_summary(mo),
        "status": mo.status,
        "finished": mo.status == ManufacturingOrder.Status.DONE,
        "produced": str(mo.produced_quantity),
        "reference": mo.reference,
    }


CONNECTORS = {
    "production.plan_order": plan_order,
    "production.reserve_components": reserve_components,
    "production.start": start,
    "production.record_output": record_output,
    "production.quality_check": quality_check,
    "production.finish": finish,
}
