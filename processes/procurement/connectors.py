"""Service-task handlers of the procurement process (request-to-receipt), by connector name.

Each takes plain params (ids, quantities; a missing param is looked up in the process
data, where the order is `purchase_order_id`, apart from a sales order's `order_id`) and
answers a JSON-ready dict. See processes/common/connectors.py for the errors.
"""

from processes.catalog.models import Product
from processes.common.connectors import as_bool, as_decimal, as_id, user_of, value
from processes.crm.models import Party
from processes.inventory.models import Warehouse
from processes.ownership.services import document_claim
from processes.procurement import services
from processes.procurement.models import PurchaseOrder, PurchaseRequest


def _order(params, data) -> PurchaseOrder:
    return PurchaseOrder.objects.get(pk=as_id(value(params, data, "purchase_order_id")))


def create_request(params: dict, *, data: dict) -> dict:
    """{product, quantity, reason?, reference?, warehouse?, user?} → the request"""
    warehouse = value(params, data, "warehouse", None)
    request = services.purchase_request_create(
        product=Product.objects.get(pk=as_id(value(params, data, "product"))),
        quantity=as_decimal(value(params, data, "quantity")),
        reason=str(value(params, data, "reason", PurchaseRequest.Reason.MANUAL)),
        reference=str(value(params, data, "reference", "")),
        warehouse=Warehouse.objects.get(pk=as_id(warehouse)) if warehouse else None,
        user=user_of(value(params, data, "user", None)),
    )
    sku = request.product.sku
    return {"request_id": request.pk, "product_id": request.product_id, "sku": sku}


def create_order(params: dict, *, data: dict) -> dict:
    """{request_id or request_ids, supplier?} → the draft purchase order"""
    ids = params.get("request_ids") or [value(params, data, "request_id")]
    requests = list(PurchaseRequest.objects.filter(pk__in=[as_id(i) for i in ids]))
    supplier = value(params, data, "supplier", None)
    supplier = Party.objects.get(pk=as_id(supplier)) if supplier else None
    order = services.purchase_order_create_from_requests(requests=requests, supplier=supplier)
    document_claim(document=order)
    return {
        "purchase_order_id": order.pk,
        "purchase_order_number": order.number,
        # What its receipt may list (the receipt form's "x-choices-in").
        "product_ids": sorted({line.product_id for line in order.lines.all()}),
        "net_total": str(order.net_total),
        "tax_total": str(order.tax_total),
        "total": str(order.total),
        "supplier_id": order.supplier_id,
    }


def needs_approval(params: dict, *, data: dict) -> dict:
    """{purchase_order_id} → {needs_approval, net_total, total, limit} (the limit is on the net)"""
    order = _order(params, data)
    needed = services.purchase_order_needs_approval(order=order)
    limit = str(services.approval_limit())
    net, gross = str(order.net_total), str(order.total)
    return {"needs_approval": needed, "net_total": net, "total": gross, "limit": limit}


def approve(params: dict, *, data: dict) -> dict:
    """{purchase_order_id, approved?: true, reason?, user?}: approve, or reject if false"""
    order, user = _order(params, data), user_of(value(params, data, "user", None))
    if as_bool(value(params, data, "approved", True)):
        order = services.purchase_order_approve(order=order, user=user)
    else:
        reason = str(value(params, data, "reason", ""))
        order = services.purchase_order_reject(order=order, reason=reason, user=user)
    return {"status": order.status, "approved": order.status == PurchaseOrder.Status.APPROVED}


def send_order(params: dict, *, data: dict) -> dict:
    """{purchase_order_id} → {status, sent_at}"""
    order = services.purchase_order_send(order=_order(params, data))
    return {"status": order.status, "sent_at": order.sent_at.isoformat()}


def record_receipt(params: dict, *, data: dict) -> dict:
    """{purchase_order_id, lines?: [{product, quantity}] (default: the variable
    received_lines, else all outstanding), quality_ok?} → {receipt_id, status, fully_received}"""
    lines = params.get("lines") or data.get("received_lines")
    if lines is not None:
        lines = [{"product": as_id(r["product"]), "quantity": r["quantity"]} for r in lines]
    receipt = services.goods_receipt_record(
        order=_order(params, data),
        lines=lines,
        quality_ok=as_bool(value(params, data, "quality_ok", True)),
    )
    status = receipt.order.status
    fully = status == PurchaseOrder.Status.RECEIVED
    return {"receipt_id": receipt.pk, "status": status, "fully_received": fully}


def record_bill(params: dict, *, data: dict) -> dict:
    """{purchase_order_id, number, amount?} → {bill_id}: the order's lines billed; the
    amount, when given, is the supplier's gross, checked against them."""
    amount = value(params, data, "amount", None)
    bill = services.supplier_bill_record(
        order=_order(params, data),
        number=str(value(params, data, "number")),
        amount=as_decimal(amount) if amount not in (None, "") else None,
    )
    return {"bill_id": bill.pk}


def reorder(params: dict, *, data: dict) -> dict:
    """{} → {"request_ids": [...]} for the products below their reorder rule"""
    created = services.purchase_requests_from_reorder_rules()
    return {"request_ids": [request.pk for request in created]}


CONNECTORS = {
    "procurement.create_request": create_request,
    "procurement.create_order": create_order,
    "procurement.needs_approval": needs_approval,
    "procurement.approve": approve,
    "procurement.send_order": send_order,
    "procurement.record_receipt": record_receipt,
    "procurement.record_bill": record_bill,
    "procurement.reorder": reorder,
}
