"""A sequential multi-instance user task over 100 and over 1000 items, run to completion.

Each item (a few fields) is a user task completed through the service layer; the time of
the completions is summed (100 items: the median of five runs around the 1000-item run).
Reported: the largest persisted state (the state and the large values stored apart from
it) and time(1000) / time(100).
"""

import time

from bench.common import deploy, progress, settle_database


def _items(count: int) -> list[dict]:
    return [
        {
            "sku": f"SKU-{i:05d}",
            "quantity": i % 7 + 1,
            "price": f"{(i % 50) + 9.99:.2f}",
            "note": "x" * 20,
        }
        for i in range(count)
    ]


def _persisted_bytes(instance) -> int:
    """The state and the large values stored apart from it (engine/runtime/pieces.py)."""
    from django.db.models import Sum
    from django.db.models.functions import Length

    pieces = instance.pieces.aggregate(total=Sum(Length("data")))["total"] or 0
    return len(instance.state) + pieces


def _run_one(count: int, user) -> tuple[float, int, str]:
    from engine.models import HumanTask
    from engine.services.instances import instance_start
    from engine.services.tasks import task_complete

    instance = instance_start(
        definition_key="bench_mi", variables={"items": _items(count)}, user=user
    )
    largest = _persisted_bytes(instance)
    elapsed = 0.0
    for index in range(count):
        task_id = (
            HumanTask.objects.filter(instance=instance, status="open")
            .values_list("pk", flat=True)
            .get()
        )
        started = time.perf_counter()
        _task, instance = task_complete(
            task_id=task_id, user=user, data={"result": {"ok": index % 3 != 0, "checked": index}}
        )
        elapsed += time.perf_counter() - started
        largest = max(largest, _persisted_bytes(instance))
    return elapsed, largest, instance.status


def run(args) -> dict:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench-runner", is_superuser=True)
    deploy("mi")
    _run_one(20, user)  # caches, connections and parsed specs are not what is measured
    # A 100-item run lasts a tenth of a second, where a busy moment of the machine weighs a
    # lot: its time is the median of five runs, three before and two after the 1000-item
    # run (which lasts long enough alone), so that a drift of the machine's load falls on
    # both sides.
    progress("100 items, three times…")
    settle_database()
    smalls = [_run_one(100, user) for _ in range(3)]
    progress("1000 items…")
    settle_database()
    large, large_state, large_status = _run_one(1000, user)
    progress("100 items, twice more…")
    settle_database()
    smalls += [_run_one(100, user) for _ in range(2)]
    small, small_state, small_status = sorted(smalls)[2]
    return {
        "seconds_100": round(small, 3),
        "seconds_1000": round(large, 3),
        "ms_per_item_100": round(small * 1000 / 100, 3),
        "ms_per_item_1000": round(large * 1000 / 1000, 3),
        "state_bytes_max": max(small_state, large_state),
        "ratio": round(large / small, 3),
        "status": large_status
        if small_status == large_status
        else f"{small_status}/{large_status}",
    }
