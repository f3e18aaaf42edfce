"""Order to cash: the shipped `sales` and `shipment` diagrams, persisted vs in memory.

Persisted: every user task completed through the service layer (lock, form validation,
engine step, state + inbox + history saved); service tasks and messages run as the embedded
worker runs them — it advances each instance a step asks for (engine.dispatch) and sweeps
for due work (engine.services.sweep) every half second. Raw: SpiffWorkflow alone
running the same specs in memory — the same script engine and the same business
connectors, messages handed over by hand, nothing saved. Both serve the same orders of one
product in stock; orders alternate between the two sides so that both meet the same load
on a shared machine. `ratio` = persisted / raw (orders/s).

The business work (the connectors the service tasks call: orders, stock, invoices, PDFs) is
timed on both sides, and so are the notifications' jobs that tell people of new tasks and
ended cases (`notifications_ms_per_order`, persisted side only), so `engine_ms_per_order`
is what the engine itself costs an order persisted — locking, running, saving, committing,
the worker's steps and sweeps — without the business work, and `raw_engine_ms_per_order`
what SpiffWorkflow alone costs it in memory. Both sides run the same business work, so the
difference of the two sides (`engine_ms_per_user_task`) says the same with the noise of
both.
"""

import time
from collections import deque
from contextlib import contextmanager
from decimal import Decimal

from bench.common import progress

ROUNDS = 50  # orders each way: enough that a busy second of the machine weighs little


def _business(orders: int):
    from processes.catalog import services as catalog
    from processes.crm import services as crm
    from processes.inventory import services as inventory

    stamp = int(time.time() * 1000)
    customer = crm.party_create(name=f"Bench customer {stamp}", is_customer=True)
    product = catalog.product_create(
        sku=f"O2C-{stamp}", name="Bench chair", list_price=Decimal("120.00")
    )
    warehouse = inventory.warehouse_create(code=f"B{stamp % 100000}", name="Bench warehouse")
    # Plenty for every order of both sides (3 each): no order waits for goods to be made.
    inventory.stock_receive(
        product=product, warehouse=warehouse, quantity=Decimal(10 * orders * 3), reference="bench"
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


@contextmanager
def _clock(handlers: dict, put):
    """Every handler (name: callable) timed while the block runs, each put in its place by
    `put(name, callable)` and put back after: yields a one-item list that holds the seconds
    spent in them so far."""
    spent = [0.0]

    def timed(handler):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - started

        return run

    for name, handler in handlers.items():
        put(name, timed(handler))
    try:
        yield spent
    finally:
        for name, handler in handlers.items():
            put(name, handler)


def _connectors() -> tuple[dict, object]:
    """The registered connectors and how to put one back, through the registry's own
    functions (each keeps the description it was registered with)."""
    from engine import connectors

    def put(name, handler):
        connectors.register_connector(name, handler, connectors.connector_info(name))

    return {name: connectors.get_connector(name) for name in connectors.connector_names()}, put


# -- persisted -----------------------------------------------------------------------------


class _Worker:
    """The background worker, in this process, as the embedded worker runs: it advances
    each instance a step asks for (engine.dispatch) and sweeps for due work every
    SWEEP_INTERVAL. When a person would otherwise wait for the next sweep (a process
    started by a buffered message), it sweeps at once instead of sleeping."""

    def __init__(self):
        self.queue: deque[int] = deque()
        self.last_sweep = float("-inf")
        self.sweeps = 0
        self.steps = 0
        self.sweep_seconds = 0.0  # in the sweeps themselves, not the work they find

    def __enter__(self):
        from engine.dispatch import set_dispatcher

        set_dispatcher(self.request)
        return self

    def __exit__(self, *exc):
        from engine.dispatch import set_dispatcher

        set_dispatcher(None)

    def request(self, instance_id: int) -> None:
        """A step asks for the instance to be advanced; asked twice, it is queued once."""
        if instance_id not in self.queue:
            self.queue.append(instance_id)

    def drain(self) -> None:
        """Advance what is queued, and sweep when the sweep is due."""
        from engine.services.advance import instance_advance
        from workers.embedded import SWEEP_INTERVAL

        while True:
            while self.queue:
                self.steps += 1
                instance_advance(instance_id=self.queue.popleft())
            if time.monotonic() - self.last_sweep < SWEEP_INTERVAL or not self.sweep():
                return

    def sweep(self) -> bool:
        """One sweep and the work it finds; False if it found nothing."""
        from engine.services.sweep import sweep

        self.last_sweep = time.monotonic()
        self.sweeps += 1
        started = time.perf_counter()
        for instance_id in sweep(horizon_s=0.0):
            self.request(instance_id)
        self.sweep_seconds += time.perf_counter() - started
        found = bool(self.queue)
        self.drain()
        return found

    def until(self, find):
        """What `find()` returns once the work before it is done (falsy: it never comes)."""
        self.drain()
        while not (found := find()) and self.sweep():
            pass
        return found


def _persisted_order(steps, user, worker: _Worker) -> None:
    from engine.models import HumanTask, ProcessInstance
    from engine.services.instances import instance_start
    from engine.services.tasks import task_complete

    instances = {"sales": instance_start(definition_key="sales", user=user).pk}
    for process, element, data in steps:
        if process not in instances:
            # The order's shipment process, started by the sales process's message.
            sales = ProcessInstance.objects.get(pk=instances["sales"])
            started = ProcessInstance.objects.filter(
                definition__key=process, business_key=sales.variables["order"]["order_number"]
            ).values_list("pk", flat=True)
            instances[process] = worker.until(started.first)
            assert instances[process], f"no {process} process was started"
        open_tasks = HumanTask.objects.filter(
            instance_id=instances[process], element_id=element, status__in=["open", "claimed"]
        ).values_list("pk", flat=True)
        task_id = worker.until(open_tasks.first)
        assert task_id, f"{process}: '{element}' never became ready"
        if callable(data):
            data = data(HumanTask.objects.get(pk=task_id).data)
        task_complete(task_id=task_id, user=user, data=data)
    completed = ProcessInstance.objects.filter(pk=instances["sales"], status="completed")
    assert worker.until(completed.exists), "the order was not completed"


# -- raw -----------------------------------------------------------------------------------


def _raw_order(steps, specs) -> None:
    from engine.runtime.script_engine import SCRIPT_ENGINE
    from engine.runtime.spiff import BpmnEvent, BpmnWorkflow, TaskState

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
    customer, product = _business(2 * (rounds + 1))
    steps = _steps(customer, product, _total)
    definition = ProcessDefinition.objects.filter(key="sales").order_by("-version").first()
    parser, _roots = load_parser(definition.deployment.files, validate=False)
    specs = {
        key: (parser.get_spec(key), parser.get_subprocess_specs(key))
        for key in ("sales", "shipment")
    }
    progress(f"{rounds} orders each way, alternating (raw SpiffWorkflow / persisted)…")
    from processes.notifications import fanout

    raw = persisted = raw_business = persisted_business = persisted_told = 0.0
    with (
        _Worker() as worker,
        _clock(*_connectors()) as business,
        _clock(dict(fanout.EVENTS), fanout.EVENTS.__setitem__) as told,
    ):
        # One order each way first: imports, caches and connections are not what is measured.
        _raw_order(steps, specs)
        _persisted_order(steps, user, worker)
        worker.sweeps = worker.steps = 0
        worker.sweep_seconds = 0.0
        for _ in range(rounds):
            started, before = time.perf_counter(), business[0]
            _raw_order(steps, specs)
            raw += time.perf_counter() - started
            raw_business += business[0] - before
            started, before, told_before = time.perf_counter(), business[0], told[0]
            _persisted_order(steps, user, worker)
            persisted += time.perf_counter() - started
            persisted_business += business[0] - before
            persisted_told += told[0] - told_before
    return {
        "orders": rounds,
        "user_tasks_per_order": len(steps),
        "persisted_per_s": round(rounds / persisted, 2),
        "raw_per_s": round(rounds / raw, 2),
        "persisted_ms_per_order": round(persisted * 1000 / rounds, 1),
        "raw_ms_per_order": round(raw * 1000 / rounds, 1),
        # What persistence adds per user task (the business work is in both).
        "engine_ms_per_user_task": round((persisted - raw) * 1000 / rounds / len(steps), 2),
        # The engine alone, each side's business work taken out (see the module's text).
        "engine_ms_per_order": round(
            (persisted - persisted_business - persisted_told) * 1000 / rounds, 2
        ),
        "raw_engine_ms_per_order": round((raw - raw_business) * 1000 / rounds, 2),
        "business_ms_per_order": round(persisted_business * 1000 / rounds, 1),
        "raw_business_ms_per_order": round(raw_business * 1000 / rounds, 1),
        # Telling people of new tasks and ended cases (the notifications' fan-out jobs, done
        # at once here: no broker, no embedded worker), business work too.
        "notifications_ms_per_order": round(persisted_told * 1000 / rounds, 1),
        "worker_steps_per_order": round(worker.steps / rounds, 1),
        "sweeps_per_order": round(worker.sweeps / rounds, 1),
        # The sweeps come every SWEEP_INTERVAL of the clock, so an order that takes longer
        # (its business work) meets more of them: their time, apart.
        "sweep_ms_per_order": round(worker.sweep_seconds * 1000 / rounds, 2),
        "ratio": round(raw / persisted, 3),
    }
