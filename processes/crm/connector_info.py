"""What the crm connector does, its parameters and its result (see
processes/sales/connector_info.py)."""

from django.utils.translation import gettext_lazy as _

from engine.connectors import Parameter
from processes.common.connector_params import info

INFO = {
    "crm.move_deal": info(
        _("Move the deal"),
        _("Moves a deal to a stage of the funnel; the process then owns the deal."),
        (
            Parameter("deal_id", _("Deal"), "number", _("The deal (its id)."), required=True),
            Parameter(
                "stage", _("Stage"), "string", _("The stage's name, e.g. Won."), required=True
            ),
            Parameter(
                "lost_reason",
                _("Why it was lost"),
                "string",
                _("Why the deal was lost (for a lost stage)."),
            ),
        ),
        _("deal_status and stage."),
        "deal",
    ),
}
