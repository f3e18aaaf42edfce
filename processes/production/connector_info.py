"""What the production connectors do, their parameters and their results (see
processes/sales/connector_info.py)."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import Parameter
from processes.common.connector_params import (
    MO_ID,
    PRODUCT,
    QUANTITY,
    REFERENCE,
    USER,
    WAREHOUSE,
    info,
)

PASSED = Parameter(
    "passed", _("Passed the check"), "boolean", _("true when the goods passed the quality check.")
)

INFO = {
    "production.plan_order": info(
        _("Plan a manufacturing order"),
        _("Plans the making of a product, with sub-orders for its made components."),
        (PRODUCT, QUANTITY, REFERENCE, WAREHOUSE, USER),
        _("mo_id, mo_number, product_id, sku, quantity and sub_orders."),
        "manufacturing_order",
    ),
    "production.reserve_components": info(
        _("Reserve the components"),
        _("Reserves the components the manufacturing order needs and says what is short."),
        (MO_ID,),
        _("all_reserved (true or false), short and status."),
        "components",
    ),
    "production.start": info(
        _("Start production"),
        _("Starts the manufacturing order."),
        (MO_ID,),
        _("status."),
        "started",
    ),
    "production.record_output": info(
        _("Record the output"),
        _("Records how much was made and how much was scrapped."),
        (
            MO_ID,
            Parameter(
                "produced", _("Quantity made"), "number", _("How many were made."), required=True
            ),
            Parameter(
                "scrap", _("Quantity scrapped"), "number", _("How many were scrapped; empty: none.")
            ),
        ),
        _("status."),
        "output",
    ),
    "production.quality_check": info(
        _("Record the quality check"),
        _("Records whether the goods made passed the quality check."),
        (MO_ID, PASSED),
        _("status and passed."),
        "quality",
    ),
    "production.finish": info(
        _("Finish the manufacturing order"),
        _("Puts the goods made in stock (recording the quality check first if needed)."),
        (MO_ID, PASSED),
        _("mo_id, mo_number, product_id, sku, quantity, status, finished and produced."),
        "finished",
    ),
}
