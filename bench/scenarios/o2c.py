"""Order to cash: the shipped `sales` and `shipment` diagrams, persisted vs in memory.

Persisted: every user task completed through the service layer (lock, form validation,
engine step, state + inbox + history saved), service tasks and messages run as the worker
runs them. Raw: SpiffWorkflow alone running the same specs in memory — the same script
engine and the same business connectors, messages handed over by hand, nothing saved.
Both serve the same orders of one product in stock; `ratio` = persisted / raw (orders/s).
"""

import time
from decimal import Decimal

from bench.common import progress

ROUNDS = 20


def _business():
    from processes.catalog import services as catalog
    from processes.crm import services as crm
    from processes.inventory import services as inventory

    stamp = int(time.time() * 1000)
    customer = crm.party_create(name=f"Bench customer {stamp}", is_customer=True)
    product = catalog.product_create(
        sku=f"O2C-{stamp}", name="Bench chair", list_price=Decimal("120.00")
    )
    warehouse = inventory.warehouse_create(code=f"B{stamp % 100000}", name="Bench warehouse")
    inventory.stock_receive(
        product=product, warehouse=warehouse, quantity=Decimal(10 * ROUNDS * 3), reference="bench"
    )
    return customer, product


def _steps(customer, product, total_of) -> list[tuple[str, str, object]]:
    """(process, user task, data or a function of the sales data) in the order people work."""
    return [
        (
            "sales",
            "enter_order",
            {"customer": customer.pk, "lines": [{"product": product.pk, "quantity": 3}]},
        ),
        ("sales", "customer_decision", {"accepted": True}),
        ("shipment", "pick_goods", {"all_picked": True}),
        ("shipment", "pack_goods", {"packages": [{"weight_kg": 12}]}),
        ("shipment", "hand_over", {"carrier": "DHL", "tracking_number": "B-1"}),
        ("shipment", "confirm_delivery", {"delivered": True, "received_by": "Bench"}),
        (
            "sales",
            "record_payment",
            lambda data: {"amount": total_of(data), "method": "bank_transfer"},
        ),
    ]


def _total(data) -> float:
    return float(data.get("amount") or data["order"]["total"])


# -- persisted -----------------------------------------------------------------------------


def _settle() -> None:
    from engine.models import ProcessInstance
    from engine.services.advance import instance_advance
    from engine.services.sweep import messages_housekeeping

    for _ in range(40):
        moved = bool(messages_housekeeping()["started"])
        for instance_id in ProcessInstance.objects.filter(status="running").values_list(
            "pk", flat=True
        ):
            while instance_advance(instance_id=instance_id):
                moved = True
        if not moved:
            return


def _persisted_order(steps, user) -> None:
    from engine.models import HumanTask, ProcessInstance
    from engine.services.instances import instance_start
    from engine.services.tasks import task_complete

    sales = instance_start(definition_key="sales", user=user)
    shipment = None
    for process, element, data in steps:
        _settle()
        if process == "shipment" and shipment is None:
            number = ProcessInstance.objects.get(pk=sales.pk).variables["order"]["order_number"]
            shipment = ProcessInstance.objects.get(definition__key="shipment", business_key=number)
        instance = sales if process == "sales" else shipment
        task = HumanTask.objects.get(
            instance=instance, element_id=element, status__in=["open", "claimed"]
        )
        if callable(data):
            data = data(task.data)
        task_complete(task_id=task.pk, user=user, data=data)
    _settle()
    assert ProcessInstance.objects.get(pk=sales.pk).status == "completed"


# -- raw -----------------------------------------------------------------------------------


def _raw_order(steps, specs) -> None:
    from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    from engine.runtime.script_engine import SCRIPT_ENGINE

    def start(key, data=None):
        spec, subs = specs[key]
        workflow = BpmnWorkflow(spec, subs, script_engine=SCRIPT_ENGINE)
        if data:
            workflow.get_next_task(state=TaskState.READY).data.update(data)
        workflow.do_engine_steps()
        return workflow

    def deliver(workflow, event):
        for task in list(workflow.event_manager.tasks.values()):
            definition = getattr(task.task_spec, "event_definition", None)
            if (
                task.has_state(TaskState.WAITING)
                and getattr(definition, "name", None) == event.event_definition.name
            ):
                task.data.update(event.payload or {})
                workflow.catch(
                    BpmnEvent(
                        definition, payload=event.payload, correlations=dict(workflow.correlations)
                    )
                )
                workflow.do_engine_steps()
                return True
        return False

    flows = {"sales": start("sales")}

    def exchange():
        moved = True
        while moved:
            moved = False
            for workflow in list(flows.values()):
                for event in workflow.get_events():
                    name = event.event_definition.name
                    if name == "shipment_requested" and "shipment" not in flows:
                        flows["shipment"] = start("shipment", event.payload)
                        deliver(flows["shipment"], event)
                        moved = True
                    elif name == "order_delivered":
                        moved = deliver(flows["sales"], event) or moved

    for process, element, data in steps:
        exchange()
        workflow = flows[process]
        task = workflow.get_next_task(state=TaskState.READY, manual=True, spec_name=element)
        if callable(data):
            data = data(task.data)
        task.set_data(**data)
        task.run()
        workflow.do_engine_steps()
    exchange()
    assert flows["sales"].is_completed()


def run(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from engine.models import ProcessDefinition
    from engine.parsing.compile import load_parser

    rounds = args.count or ROUNDS
    call_command("deploy_processes", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench-runner", is_superuser=True)
    customer, product = _business()
    steps = _steps(customer, product, _total)
    definition = ProcessDefinition.objects.filter(key="sales").order_by("-version").first()
    parser, _roots = load_parser(definition.deployment.files, validate=False)
    specs = {
        key: (parser.get_spec(key), parser.get_subprocess_specs(key))
        for key in ("sales", "shipment")
    }
    progress(f"{rounds} orders in memory (raw SpiffWorkflow)…")
    started = time.perf_counter()
    for _ in range(rounds):
        _raw_order(steps, specs)
    raw = time.perf_counter() - started
    progress(f"{rounds} orders persisted…")
    started = time.perf_counter()
    for _ in range(rounds):
        _persisted_order(steps, user)
    persisted = time.perf_counter() - started
    return {
        "orders": rounds,
        "user_tasks_per_order": len(steps),
        "persisted_per_s": round(rounds / persisted, 2),
        "raw_per_s": round(rounds / raw, 2),
        "persisted_ms_per_order": round(persisted * 1000 / rounds, 1),
        "raw_ms_per_order": round(raw * 1000 / rounds, 1),
        # What persistence adds per user task (the business work is in both).
        "engine_ms_per_user_task": round((persisted - raw) * 1000 / rounds / len(steps), 2),
        "ratio": round(raw / persisted, 3),
    }
