"""What the procurement connectors do, their parameters and their results (see
processes/sales/connector_info.py)."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import Parameter
from processes.common.connector_params import (
    PRODUCT,
    PURCHASE_ORDER_ID,
    QUANTITY,
    REASON,
    REFERENCE,
    USER,
    WAREHOUSE,
    info,
)

INFO = {
    "procurement.create_request": info(
        _("Create a purchase request"),
        _("Asks to buy a quantity of a product."),
        (
            PRODUCT,
            QUANTITY,
            Parameter(
                "reason",
                _("Reason"),
                "string",
                _("manual, reorder, sales_shortage or production_shortage; empty: manual."),
            ),
            REFERENCE,
            WAREHOUSE,
            USER,
        ),
        _("request_id, product_id and sku."),
        "purchase_request",
    ),
    "procurement.create_order": info(
        _("Create the purchase order"),
        _("Makes a draft purchase order from one or more purchase requests."),
        (
            Parameter(
                "request_id", _("Purchase request"), "number", _("The purchase request (its id).")
            ),
            Parameter(
                "request_ids",
                _("Purchase requests"),
                "list",
                _("Several purchase requests (their ids)."),
            ),
            Parameter(
                "supplier",
                _("Supplier"),
                "number",
                _("The supplier (its id); empty: the product's preferred supplier."),
            ),
        ),
        _("purchase_order_id, purchase_order_number, product_ids, the totals and supplier_id."),
        "purchase_order",
    ),
    "procurement.needs_approval": info(
        _("Does the purchase need approval?"),
        _("Compares the purchase order's net total with the approval limit."),
        (PURCHASE_ORDER_ID,),
        _("needs_approval (true or false), net_total, total and limit."),
        "approval",
    ),
    "procurement.approve": info(
        _("Approve the purchase order"),
        _("Approves the purchase order, or rejects it."),
        (
            PURCHASE_ORDER_ID,
            Parameter(
                "approved",
                _("Approve?"),
                "boolean",
                _("true approves, false rejects; empty: approves."),
            ),
            REASON,
            USER,
        ),
        _("The purchase order's status."),
        "approval_result",
    ),
    "procurement.send_order": info(
        _("Send the purchase order"),
        _("Sends the approved purchase order to its supplier."),
        (PURCHASE_ORDER_ID,),
        _("status and sent_at."),
        "sent",
    ),
    "procurement.record_receipt": info(
        _("Record the goods received"),
        _("Records what arrived from the supplier and puts it in stock."),
        (
            PURCHASE_ORDER_ID,
            Parameter(
                "lines",
                _("Lines received"),
                "list",
                _("What arrived: product and quantity; empty: all that is outstanding."),
            ),
            Parameter(
                "quality_ok",
                _("Quality OK"),
                "boolean",
                _("false when the goods failed inspection."),
            ),
        ),
        _("receipt_id, status and fully_received."),
        "receipt",
    ),
    "procurement.record_bill": info(
        _("Record the supplier's bill"),
        _("Records the supplier's bill for the purchase order's lines."),
        (
            PURCHASE_ORDER_ID,
            Parameter("number", _("Bill number"), "string", _("The bill's number."), required=True),
            Parameter(
                "amount",
                _("Amount"),
                "number",
                _("The bill's gross amount, checked against the order."),
            ),
        ),
        _("bill_id."),
        "bill",
    ),
    "procurement.reorder": info(
        _("Reorder what runs low"),
        _("Makes a purchase request for each product below its reorder rule."),
        (),
        _("request_ids."),
        "reorder",
    ),
}
