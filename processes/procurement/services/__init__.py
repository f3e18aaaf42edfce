"""Writes of the procurement app. Callers use `from processes.procurement import services`."""

from processes.procurement.services.bills import supplier_bill_mark_paid, supplier_bill_record
from processes.procurement.services.orders import (
    approval_limit,
    purchase_order_approve,
    purchase_order_cancel,
    purchase_order_create,
    purchase_order_create_from_request,
    purchase_order_create_from_requests,
    purchase_order_needs_approval,
    purchase_order_reject,
    purchase_order_request_approval,
    purchase_order_send,
)
from processes.procurement.services.receipts import goods_receipt_record
from processes.procurement.services.requests import (
    purchase_request_cancel,
    purchase_request_create,
    purchase_requests_from_reorder_rules,
)

__all__ = [
    "approval_limit",
    "goods_receipt_record",
    "purchase_order_approve",
    "purchase_order_cancel",
    "purchase_order_create",
    "purchase_order_create_from_request",
    "purchase_order_create_from_requests",
    "purchase_order_needs_approval",
    "purchase_order_reject",
    "purchase_order_request_approval",
    "purchase_order_send",
    "purchase_request_cancel",
    "purchase_request_create",
    "purchase_requests_from_reorder_rules",
    "supplier_bill_mark_paid",
    "supplier_bill_record",
]
