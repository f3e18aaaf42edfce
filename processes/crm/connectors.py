"""Service-task handlers of the crm, by connector name (see processes/common/connectors.py).

`crm.move_deal` lets a process own a deal: the first instance that moves a deal keeps it
until it ends, and meanwhile the deal's direct moves (board, API) answer 409 naming it.
"""

from django.utils.translation import gettext as _

from processes.common.connectors import as_id, value
from processes.common.errors import invalid
from processes.crm import services
from processes.crm.models import Deal, FunnelStage
from processes.ownership.services import document_claim


def move_deal(params: dict, *, data: dict) -> dict:
    """{deal_id, stage (its name), lost_reason?} → {deal_status, stage}"""
    deal = Deal.objects.get(pk=as_id(value(params, data, "deal_id")))
    name = str(value(params, data, "stage")).strip()
    stage = FunnelStage.objects.filter(name__iexact=name).first()
    if stage is None:
        raise invalid("stage", _("The funnel has no stage named “%(name)s”.") % {"name": name})
    document_claim(document=deal)
    deal = services.deal_move(
        deal=deal, stage=stage, lost_reason=str(value(params, data, "lost_reason", ""))
    )
    return {"deal_status": deal.status, "stage": stage.name}


CONNECTORS = {"crm.move_deal": move_deal}
