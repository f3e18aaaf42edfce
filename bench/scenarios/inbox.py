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
GROUPS = 50
SAMPLE = 200
PAGE = 50
MINE = 20  # open tasks assigned to each sampled user, at both sizes


def _grow(target: int, definition, instances, users, sample_ids) -> None:
    """Insert open tasks up to `target`. Each sampled user always has MINE assigned tasks,
    so both sizes serve the same page sizes; of the rest a third is assigned to others."""
    import json

    from django.db import connection, transaction

    from engine.models import HumanTask, TaskCandidate

    tasks, candidates = HumanTask._meta.db_table, TaskCandidate._meta.db_table
    have = HumanTask.objects.filter(definition=definition).count()
    others = [u for u in users if u not in set(sample_ids)]
    rng = random.Random(have)
    now = "2026-01-01 00:00:00"
    while have < target:
        size = min(20_000, target - have)
        task_rows, groups = [], []
        for number in range(have, have + size):
            if number < len(sample_ids) * MINE:
                assignee = sample_ids[number % len(sample_ids)]
            else:
                assignee = others[rng.randrange(len(others))] if number % 3 == 0 else None
            group = f"group-{number % GROUPS}"
            priority = rng.choice((25, 50, 50, 75))
            task_rows.append(
                (
                    instances[number % len(instances)],
                    definition.pk,
                    uuid.uuid4().hex,
                    "work",
                    "Do the work",
                    "",
                    "claimed" if assignee else "open",
                    assignee,
                    json.dumps([group]),
                    "[]",
                    priority,
                    "",
                    now,
                )
            )
            groups.append((group, priority, assignee))
        with transaction.atomic(), connection.cursor() as cursor:
            columns = (
                "instance_id, definition_id, spiff_task_id, element_id, name, lane, status, "
                "assignee_id, candidate_groups, candidate_users, priority, form_key, "
                "created_at"
            )
            marks = ", ".join(["%s"] * 13)
            cursor.executemany(f"INSERT INTO {tasks} ({columns}) VALUES ({marks})", task_rows)  # noqa: S608
            cursor.execute(
                f"SELECT id FROM {tasks} WHERE definition_id = %s ORDER BY id DESC LIMIT %s",  # noqa: S608
                [definition.pk, size],
            )
            ids = [row[0] for row in cursor.fetchall()][::-1]
            cursor.executemany(
                f"INSERT INTO {candidates} (task_id, kind, name, priority) "  # noqa: S608
                "VALUES (%s, 'group', %s, %s)",
                [
                    (task_id, group, priority)
                    for task_id, (group, priority, assignee) in zip(ids, groups, strict=True)
                    if assignee is None
                ],
            )
        have += size
        if have % 100_000 == 0 or have == target:
            progress(f"  {have:,} open tasks")


def _time_queries(sample) -> dict:
    from engine.selectors import tasks_for_user

    timings = {"mine": [], "candidate": []}
    for user in sample:
        for scope in timings:
            started = time.perf_counter()
            rows = list(tasks_for_user(user, scope=scope)[:PAGE])
            timings[scope].append(time.perf_counter() - started)
            assert len(rows) == (MINE if scope == "mine" else PAGE)
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
    sample_ids = [u.pk for u in sample]
    _grow(small_count, definition, instances, user_ids, sample_ids)
    small = _time_queries(sample)
    progress(f"small: {small}")
    _grow(large_count, definition, instances, user_ids, sample_ids)
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
