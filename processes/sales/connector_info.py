"""What the sales connectors do, their parameters and their results, as a process owner
reads them in the modeler's template list (GET /api/element-templates/)."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import Parameter
from processes.common.connector_params import INVOICE_ID, ORDER_ID, REASON, USER, info

INFO = {
    "sales.create_order": info(
        _("Create the order"),
        _("Creates a draft sales order for a customer from its lines."),
        (
            Parameter(
                "customer", _("Customer"), "number", _("The customer (its id)."), required=True
            ),
            Parameter(
                "lines",
                _("Order lines"),
                "list",
                _("The order's lines: product, quantity and, if any, discount_percent."),
                required=True,
            ),
            Parameter("notes", _("Notes"), "string", _("Notes kept with the order.")),
            USER,
        ),
        _("The order's id, number and total: order_id, order_number, total."),
        "order",
    ),
    "sales.create_quotation_pdf": info(
        _("Send the quotation"),
        _("Makes the order's quotation unless it has one, sends it and renders its PDF."),
        (
            ORDER_ID,
            Parameter(
                "quotation_id",
                _("Quotation"),
                "number",
                _("The quotation (its id), instead of the order."),
            ),
        ),
        _("quotation_id, quotation_number, total and pdf_url (the PDF's address)."),
        "quotation",
    ),
    "sales.confirm_order": info(
        _("Confirm the order"),
        _("The customer said yes: the order is confirmed and its sent quotation accepted."),
        (ORDER_ID,),
        _("order_status and confirmed_at."),
        "confirmation",
    ),
    "sales.reject_quotation": info(
        _("Reject the quotation"),
        _("The customer said no: the quotation is rejected and the order cancelled."),
        (ORDER_ID, REASON),
        _("order_status."),
        "rejection",
    ),
    "sales.reserve_stock": info(
        _("Reserve the order's stock"),
        _("Reserves stock for each line of the order and says what is short."),
        (ORDER_ID,),
        _("all_reserved (true or false), short (the lines short of stock), fulfilment_status."),
        "reservation",
    ),
    "sales.create_invoice": info(
        _("Invoice the order"),
        _("Makes the order's invoice and its PDF."),
        (
            ORDER_ID,
            Parameter(
                "due_in_days", _("Due in (days)"), "number", _("Days until it is due; empty: 30.")
            ),
        ),
        _("invoice_id, invoice_number, total, due_date and pdf_url."),
        "invoice",
    ),
    "sales.record_payment": info(
        _("Record a payment"),
        _("Records a payment of an invoice; the invoice is paid when nothing is owed."),
        (
            INVOICE_ID,
            Parameter(
                "amount", _("Amount"), "number", _("The amount paid; empty: all that is owed.")
            ),
            Parameter(
                "method",
                _("Payment method"),
                "string",
                _("bank_transfer, card, cash or other; empty: bank_transfer."),
            ),
            Parameter(
                "payment_reference",
                _("Payment reference"),
                "string",
                _("The payment's reference (bank, card)."),
            ),
        ),
        _("payment_id, invoice_status, paid, outstanding and billing_status."),
        "payment",
    ),
    "sales.payment_status": info(
        _("Check the payment"),
        _("Says whether an invoice is paid, what is still owed and whether it is overdue."),
        (INVOICE_ID,),
        _("paid, outstanding and overdue."),
        "payment_status",
    ),
}
