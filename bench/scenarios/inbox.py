"""The inbox queries with 10,000 and with 1,000,000 open tasks over 10,000 users.

"My tasks" (assigned to me) and "my groups' tasks" (unassigned, a group of mine may
claim), first page of 50 as the API serves it, timed for a sample of users with 10,000
open tasks and again after growing to 1,000,000; `ratio` = large / small (the slower of
the two queries). Rows are bulk-inserted: this measures the queries, not task creation.
"""

import random
import time
import uuid

from bench.common import deploy, progress

USERS = 10_000
GROUPS = 100
SAMPLE = 200
PAGE = 50


def _grow(target: int, definition, instances, users) -> None:
    from engine.models import HumanTask, TaskCandidate

    have = HumanTask.objects.filter(definition=definition).count()
    batch = 20_000
    rng = random.Random(have)
    while have < target:
        size = min(batch, target - have)
        rows = []
        for offset in range(size):
            number = have + offset
            assigned = number % 3 == 0
            rows.append(
                HumanTask(
                    instance_id=instances[number % len(instances)],
                    definition=definition,
                    spiff_task_id=uuid.uuid4(),
                    element_id="work",
                    name="Do the work",
                    status="claimed" if assigned else "open",
                    assignee_id=users[rng.randrange(USERS)] if assigned else None,
                    candidate_groups=[f"group-{number % GROUPS}"],
                    priority=rng.choice((25, 50, 50, 75)),
                )
            )
        created = HumanTask.objects.bulk_create(rows, batch_size=5000)
        TaskCandidate.objects.bulk_create(
            [
                TaskCandidate(
                    task=row, kind="group", name=row.candidate_groups[0], priority=row.priority
                )
                for row in created
                if row.assignee_id is None
            ],
            batch_size=5000,
        )
        have += size
        progress(f"  {have:,} open tasks")


def _time_queries(sample) -> dict:
    from engine.selectors import tasks_for_user

    timings = {"mine": [], "candidate": []}
    for user in sample:
        for scope in timings:
            started = time.perf_counter()
            rows = list(tasks_for_user(user, scope=scope)[:PAGE])
            timings[scope].append(time.perf_counter() - started)
            assert scope == "mine" or len(rows) > 0
    return {scope: sum(values) / len(values) * 1000 for scope, values in timings.items()}


def run(args) -> dict:
    from django.contrib.auth.models import Group, User

    from engine.models import HumanTask, ProcessInstance
    from engine.services.instances import instance_start

    small_count, large_count = 10_000, args.count or 1_000_000
    definition = deploy("loop")
    HumanTask.objects.filter(definition=definition).delete()
    ProcessInstance.objects.filter(definition=definition).delete()
    progress(f"Creating {USERS:,} users in {GROUPS} groups…")
    groups = [Group.objects.get_or_create(name=f"group-{g}")[0] for g in range(GROUPS)]
    existing = set(
        User.objects.filter(username__startswith="inbox-").values_list("username", flat=True)
    )
    User.objects.bulk_create(
        [User(username=f"inbox-{u:05d}") for u in range(USERS) if f"inbox-{u:05d}" not in existing],
        batch_size=5000,
    )
    users = list(User.objects.filter(username__startswith="inbox-").order_by("username"))
    through = User.groups.through
    through.objects.filter(user__username__startswith="inbox-").delete()
    through.objects.bulk_create(
        [through(user_id=user.pk, group_id=groups[i % GROUPS].pk) for i, user in enumerate(users)],
        batch_size=5000,
    )
    instances = [
        instance_start(definition_key="bench_loop", variables={"rounds": 0, "limit": 2}).pk
        for _ in range(20)
    ]
    HumanTask.objects.filter(instance_id__in=instances).delete()
    user_ids = [u.pk for u in users]
    sample = random.Random(7).sample(users, SAMPLE)
    _grow(small_count, definition, instances, user_ids)
    small = _time_queries(sample)
    progress(f"small: {small}")
    _grow(large_count, definition, instances, user_ids)
    large = _time_queries(sample)
    progress(f"large: {large}")
    ratios = {scope: large[scope] / small[scope] for scope in small}
    return {
        "tasks_small": small_count,
        "tasks_large": large_count,
        "users": USERS,
        "ms_small_mine": round(small["mine"], 3),
        "ms_small_candidate": round(small["candidate"], 3),
        "ms_large_mine": round(large["mine"], 3),
        "ms_large_candidate": round(large["candidate"], 3),
        "ms_small": round(max(small.values()), 3),
        "ms_large": round(max(large.values()), 3),
        "ratio_mine": round(ratios["mine"], 3),
        "ratio_candidate": round(ratios["candidate"], 3),
        "ratio": round(max(ratios.values()), 3),
    }
