"""The parameters several business connectors share, described once (see connector_info.py
in each process): the record a step works on, who does it, why."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import ConnectorInfo, Parameter, Text

ORDER_ID = Parameter(
    "order_id", _("Sales order"), "number", _("The sales order (its id)."), required=True
)
INVOICE_ID = Parameter(
    "invoice_id", _("Invoice"), "number", _("The invoice (its id)."), required=True
)
SHIPMENT_ID = Parameter(
    "shipment_id", _("Shipment"), "number", _("The shipment (its id)."), required=True
)
PURCHASE_ORDER_ID = Parameter(
    "purchase_order_id",
    _("Purchase order"),
    "number",
    _("The purchase order (its id)."),
    required=True,
)
MO_ID = Parameter(
    "mo_id",
    _("Manufacturing order"),
    "number",
    _("The manufacturing order (its id)."),
    required=True,
)
PRODUCT = Parameter("product", _("Product"), "number", _("The product (its id)."), required=True)
QUANTITY = Parameter(
    "quantity", _("Quantity"), "number", _("How many, in the product's unit."), required=True
)
WAREHOUSE = Parameter(
    "warehouse",
    _("Warehouse"),
    "number",
    _("The warehouse (its id); empty: the default warehouse."),
)
REFERENCE = Parameter(
    "reference",
    _("Your reference"),
    "string",
    _("A reference of your own, e.g. the sales order's number."),
)
REASON = Parameter(
    "reason", _("Reason"), "string", _("Why, in a few words (kept with the record).")
)
USER = Parameter(
    "user",
    _("Done by"),
    "string",
    _("The person recorded as doing it (user name or id); empty: nobody."),
)


def info(
    label: Text,
    description: Text,
    parameters: tuple[Parameter, ...],
    result: Text,
    result_variable: str,
) -> ConnectorInfo:
    """A business connector's description. Each of its parameters left empty is read from
    the process variable of the same name (processes/common/connectors.value)."""
    return ConnectorInfo(
        label=label,
        description=description,
        parameters=parameters,
        result=result,
        result_variable=result_variable,
        reads_variables=True,
    )
