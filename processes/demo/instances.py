"""Order-to-cash runs of the demo company, left at different stages so that every inbox,
the monitor and the dashboard have something to show.

Each run is started and worked as the demo users would (alice in sales, bob in the
warehouse), with the worker's steps run here. Each is named by its order number like any
case (none yet while the order is being entered); its `demo_run` variable finds it again, so
seeding twice adds nothing. Needs the deployed processes and the demo users.
"""

from django.contrib.auth import get_user_model

from engine.models import HumanTask, ProcessDefinition, ProcessInstance
from engine.services.advance import instance_advance
from engine.services.instances import instance_start
from engine.services.sweep import messages_housekeeping
from engine.services.tasks import task_complete
from processes.catalog.models import Product
from processes.crm.models import Party
from processes.demo.dataset import Demo, demo_company

# business key, customer, [(sku, quantity)], how far it goes: "started" (waits for the order
# entry), "quoted" (waits for the customer's decision), "accepted" (in shipping, or waiting
# for production when short), "delivered" (invoiced, waits for the payment)
IN_FLIGHT = [
    ("Demo run 1", "Foxglove Design Studio", [("LAMP-LED", 3)], "started"),
    ("Demo run 2", "Juniper Hotels", [("CHAIR-ERGO", 6)], "quoted"),
    ("Demo run 3", "Delta Dental Clinic", [("CHAIR-ERGO", 2), ("PEDESTAL-3", 1)], "accepted"),
    ("Demo run 4", "Ivy Coworking", [("OAK-DESK", 6)], "accepted"),
    ("Demo run 5", "Laura Meyer", [("LAMP-LED", 1)], "delivered"),
]
STAGES = ["started", "quoted", "accepted", "delivered"]
USERS = ("alice", "bob")
DEMO_RUN = "demo_run"


def seed_instances(demo: Demo | None = None) -> tuple[int, str, list[str]]:
    """Start the runs that are missing; answer (how many demo runs there are, a note, the
    runs left out because someone deactivated or removed their customer or products)."""
    if not ProcessDefinition.objects.filter(key="sales").exists():
        return 0, "the processes are not deployed (manage.py deploy_processes)", []
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERS)}
    if set(users) != set(USERS):
        return 0, "the demo users are missing (manage.py seed_demo)", []
    keys = [key for key, *_rest in IN_FLIGHT]
    # A run is named by its order number like any case; its demo_run variable finds it again.
    runs = ProcessInstance.objects.filter(definition__key="sales", started_by=users["alice"])
    existing = {run.variables.get(DEMO_RUN) for run in runs}
    left_out = []
    demo = demo or demo_company()
    for key, customer, lines, stage in IN_FLIGHT:
        customer = demo.local(customer)
        if key in existing:
            continue
        why = _unusable(customer, lines)
        if why:
            left_out.append(f"{key} ({why})")
            continue
        _run(key, customer, lines, stage, users)
    return len(keys) - len(left_out), "", left_out


def _unusable(customer: str, lines: list) -> str:
    """Why a missing run cannot be started again from the records as people left them."""
    if not Party.objects.filter(name=customer, is_active=True).exists():
        return f"{customer} is inactive or gone"
    for sku, _quantity in lines:
        if not Product.objects.filter(sku=sku, is_active=True).exists():
            return f"{sku} is inactive or gone"
    return ""


def _run(key: str, customer: str, lines: list, stage: str, users: dict) -> None:
    alice, bob = users["alice"], users["bob"]
    instance = instance_start(definition_key="sales", variables={DEMO_RUN: key}, user=alice)
    reached = STAGES.index(stage)
    order = {
        "customer": Party.objects.get(name=customer).pk,
        "lines": [
            {"product": Product.objects.get(sku=sku).pk, "quantity": quantity}
            for sku, quantity in lines
        ],
    }
    if reached < STAGES.index("quoted"):
        return
    _complete(instance, "enter_order", alice, order)
    if reached < STAGES.index("accepted"):
        return
    _complete(instance, "customer_decision", alice, {"accepted": True})
    if reached < STAGES.index("delivered"):
        return
    number = ProcessInstance.objects.get(pk=instance.pk).variables["order"]["order_number"]
    shipment = ProcessInstance.objects.get(definition__key="shipment", business_key=number)
    _complete(shipment, "pick_goods", bob, {"all_picked": True})
    _complete(shipment, "pack_goods", bob, {"packages": [{"weight_kg": 2.5}]})
    _complete(shipment, "hand_over", bob, {"carrier": "DHL", "tracking_number": "DEMO-0005"})
    _complete(shipment, "confirm_delivery", alice, {"delivered": True})


def _complete(instance: ProcessInstance, element_id: str, user, data: dict) -> None:
    task = HumanTask.objects.get(
        instance=instance,
        element_id=element_id,
        status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED],
    )
    task_complete(task_id=task.pk, user=user, data=data)
    _work()


def _work(rounds: int = 50) -> None:
    """What the worker and the sweep do in the background: start processes for thrown
    start messages, run service tasks, deliver messages — until nothing moves."""
    for _ in range(rounds):
        moved = bool(messages_housekeeping()["started"])
        running = ProcessInstance.objects.filter(status=ProcessInstance.Status.RUNNING)
        for pk in list(running.values_list("pk", flat=True)):
            for _step in range(rounds):
                if not instance_advance(instance_id=pk):
                    break
                moved = True
        if not moved:
            return
