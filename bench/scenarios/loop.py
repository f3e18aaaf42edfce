"""Step cost of a user task inside a loop: the 1000th pass must cost what the 1st did.

Each step goes through the service layer: complete the task (lock, load state, validate,
run, persist state + inbox + history). The mean of the first 10 and the last 10 steps is
compared: `ratio` = last / first.
"""

import time
from pathlib import Path

DIAGRAM = Path(__file__).resolve().parent.parent / "diagrams" / "loop.bpmn"


def run(args) -> dict:
    from django.contrib.auth import get_user_model

    from engine.models import HumanTask
    from engine.services.definitions import definition_deploy
    from engine.services.instances import instance_start
    from engine.services.tasks import task_complete

    iterations = args.iterations or 1000
    user, _ = get_user_model().objects.get_or_create(username="bench-runner", is_superuser=True)
    definition_deploy(
        file_name="loop.bpmn", content=DIAGRAM.read_bytes(), user=user, check_role=False
    )
    instance = instance_start(
        definition_key="bench_loop", variables={"rounds": 0, "limit": iterations}, user=user
    )
    times, sizes = [], []
    for _ in range(iterations):
        task_id = (
            HumanTask.objects.filter(instance=instance, status=HumanTask.Status.OPEN)
            .values_list("pk", flat=True)
            .get()
        )
        started = time.perf_counter()
        _task, instance = task_complete(task_id=task_id, user=user, data={})
        times.append(time.perf_counter() - started)
        sizes.append(len(instance.state))
    first = sum(times[:10]) / 10
    last = sum(times[-10:]) / 10
    return {
        "iterations": iterations,
        "first_ms": round(first * 1000, 3),
        "last_ms": round(last * 1000, 3),
        "ratio": round(last / first, 3),
        "state_bytes_first": sizes[0],
        "state_bytes_max": max(sizes),
        "status": instance.status,
    }
