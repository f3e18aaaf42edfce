"""The processes (cases) about a customer: the instances that made its orders and their
shipments, with their stage and open tasks — read through the documents' owners
(processes.ownership), in three queries whatever the number of orders."""

from dataclasses import dataclass, field

from engine.models import HumanTask, ProcessDefinition, ProcessInstance
from processes.access import may_start_process
from processes.crm.models import Party
from processes.ownership.models import DocumentProcess
from processes.sales.models import SalesOrder
from processes.shipment.models import Shipment

ORDER_PROCESS = "sales"  # what "Make an order" starts
LIVE = [ProcessInstance.Status.RUNNING, ProcessInstance.Status.SUSPENDED]
LIVE += [ProcessInstance.Status.ERROR]
OPEN = [HumanTask.Status.OPEN, HumanTask.Status.CLAIMED]


@dataclass
class Case:
    instance: ProcessInstance
    document: str  # the number of the document it moves (SO-00042, SH-00007)
    tasks: list = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.instance.status in LIVE


def customer_cases(party: Party, *, limit: int = 20) -> list[Case]:
    """The cases about the party's orders and their shipments, running ones first."""
    orders = dict(
        SalesOrder.objects.filter(party=party).values_list("pk", "number").order_by("-pk")[:200]
    )
    shipments = dict(Shipment.objects.filter(order_id__in=list(orders)).values_list("pk", "number"))
    numbers = {("sales.salesorder", pk): number for pk, number in orders.items()}
    numbers |= {("shipment.shipment", pk): number for pk, number in shipments.items()}
    links = (
        DocumentProcess.objects.filter(kind="sales.salesorder", document_id__in=list(orders))
        | DocumentProcess.objects.filter(kind="shipment.shipment", document_id__in=list(shipments))
    ).select_related("instance__definition")
    links = links.only(  # not the engine state nor the diagram
        "kind",
        "document_id",
        "instance__status",
        "instance__stage",
        "instance__started_at",
        "instance__definition__key",
        "instance__definition__name",
    )
    cases = {
        link.instance_id: Case(link.instance, numbers[(link.kind, link.document_id)])
        for link in links
    }
    ordered = sorted(
        cases.values(), key=lambda c: (not c.running, -c.instance.started_at.timestamp())
    )[:limit]
    tasks = HumanTask.objects.filter(
        instance_id__in=[c.instance.pk for c in ordered], status__in=OPEN
    ).select_related("assignee")
    by_instance = {c.instance.pk: c for c in ordered}
    for task in tasks.order_by("created_at", "pk"):
        by_instance[task.instance_id].tasks.append(task)
    return ordered


def order_process(user) -> ProcessDefinition | None:
    """The order-to-cash process when the person may start it by hand, else None."""
    definition = ProcessDefinition.objects.filter(key=ORDER_PROCESS).order_by("-version").first()
    if definition is None or not may_start_process(user, definition):
        return None
    return definition
