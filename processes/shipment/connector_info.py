"""What the shipment connectors do, their parameters and their results (see
processes/sales/connector_info.py)."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import Parameter
from processes.common.connector_params import ORDER_ID, SHIPMENT_ID, info

INFO = {
    "shipment.create": info(
        _("Create the shipment"),
        _("Creates the shipment of an order's reserved lines."),
        (ORDER_ID,),
        _("shipment_id, shipment_number and lines."),
        "shipment",
    ),
    "shipment.pick": info(
        _("Pick the shipment"),
        _("Records that the shipment's goods are picked from the shelves."),
        (SHIPMENT_ID,),
        _("status."),
        "picked",
    ),
    "shipment.pack": info(
        _("Pack the shipment"),
        _("Records the packages the shipment is packed in."),
        (
            SHIPMENT_ID,
            Parameter(
                "packages",
                _("Packages"),
                "list",
                _("The packages: weight_kg and, if known, dimensions."),
                required=True,
            ),
        ),
        _("status, packages and weight_kg (the total)."),
        "packed",
    ),
    "shipment.ship": info(
        _("Ship"),
        _("Hands the shipment to its carrier."),
        (
            SHIPMENT_ID,
            Parameter("carrier", _("Carrier"), "string", _("The carrier's name."), required=True),
            Parameter(
                "tracking_number",
                _("Tracking number"),
                "string",
                _("The carrier's tracking number."),
            ),
        ),
        _("status and fulfilment_status."),
        "shipped",
    ),
    "shipment.confirm_delivery": info(
        _("Confirm the delivery"),
        _("Records that the customer received the shipment."),
        (SHIPMENT_ID,),
        _("status, fulfilment_status and order_status."),
        "delivery",
    ),
}
