"""Writes of the sales app. Callers use `from processes.sales import services`."""

from processes.sales.services.billing import (
    credit_note_render_pdf,
    invoice_cancel,
    invoice_create_for_order,
    invoice_render_pdf,
    payment_record,
)
from processes.sales.services.credit_notes import credit_note_create
from processes.sales.services.orders import (
    Shortage,
    StockReservation,
    order_cancel,
    order_confirm,
    order_create,
    order_create_from_quotation,
    order_mark_delivered,
    order_mark_shipped,
    order_reserve_stock,
)
from processes.sales.services.quotations import (
    quotation_accept,
    quotation_create,
    quotation_create_for_order,
    quotation_reject,
    quotation_render_pdf,
    quotation_send,
    quotations_expire,
)

__all__ = [
    "Shortage",
    "StockReservation",
    "credit_note_create",
    "credit_note_render_pdf",
    "invoice_cancel",
    "invoice_create_for_order",
    "invoice_render_pdf",
    "order_cancel",
    "order_confirm",
    "order_create",
    "order_create_from_quotation",
    "order_mark_delivered",
    "order_mark_shipped",
    "order_reserve_stock",
    "payment_record",
    "quotation_accept",
    "quotation_create",
    "quotation_create_for_order",
    "quotation_reject",
    "quotation_render_pdf",
    "quotation_send",
    "quotations_expire",
]
