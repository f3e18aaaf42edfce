"""The cost of a task step with notifications on ÷ off, side by side, and their delivery.

100 groups of 10 people and a case per task to measure, each waiting in its group's queue:
a member completes its first task, and the next one comes up for the 9 others (its completer
is not told). Completions alternate between notifications on (the notifications app's
receivers connected: the step hands the event to a Celery worker once it commits) and off
(disconnected), so both meet the same load on a shared machine; `ratio` = mean step on ÷
off. Then the worker finishes: every notification is stored and e-mailed (Django's dummy
backend, after rendering it), none twice — also after the fan-out jobs of the first tasks
are sent again, as a redelivery would.

Runs on the database DATABASE_URL names and Redis (CELERY_BROKER_URL, default
redis://127.0.0.1:6379/13), with one Celery worker process.
"""

import os
import statistics
import time

from bench.common import deploy, log_dir, notifications_off, progress, summary

GROUPS = 100
PEOPLE = 10
REDELIVERED = 100  # fan-out jobs sent a second time at the end


def _people() -> dict[str, list[int]]:
    """Each group's name → its members' ids (created once, kept between runs)."""
    from django.contrib.auth.models import Group, User

    names = [f"bench-notify-{g:03d}" for g in range(GROUPS)]
    groups = {g.name: g for g in Group.objects.filter(name__in=names)}
    Group.objects.bulk_create([Group(name=n) for n in names if n not in groups])
    groups = {g.name: g for g in Group.objects.filter(name__in=names)}
    wanted = [f"nb-{g:03d}-{i}" for g in range(GROUPS) for i in range(PEOPLE)]
    have = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    User.objects.bulk_create(
        [User(username=u, email=f"{u}@example.com") for u in wanted if u not in have]
    )
    users = {u.username: u.pk for u in User.objects.filter(username__in=wanted)}
    through = User.groups.through
    through.objects.filter(user_id__in=users.values()).delete()
    members: dict[str, list[int]] = {}
    rows = []
    for g, name in enumerate(names):
        ids = [users[f"nb-{g:03d}-{i}"] for i in range(PEOPLE)]
        members[name] = ids
        rows += [through(user_id=pk, group_id=groups[name].pk) for pk in ids]
    through.objects.bulk_create(rows)
    return members


def _complete(instance_id: int, user) -> float:
    from engine.models import HumanTask
    from engine.services.tasks import task_complete

    task_id = (
        HumanTask.objects.filter(instance_id=instance_id, status=HumanTask.Status.OPEN)
        .values_list("pk", flat=True)
        .get()
    )
    started = time.perf_counter()
    task_complete(task_id=task_id, user=user, data={})
    return time.perf_counter() - started


def run(args) -> dict:
    import redis
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.cluster import Cluster, database_url_of, wait_for
    from engine.dispatch import set_dispatcher
    from engine.services.instances import instance_start
    from processes.notifications.models import Notification
    from processes.notifications.tasks import fan_out_task
    from workers.celery import app

    count = args.count or 2000
    broker = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/13"
    queue = redis.Redis.from_url(broker)
    queue.flushdb()
    set_dispatcher(None)
    deploy("notify")
    progress(f"{GROUPS} groups of {PEOPLE} people…")
    members = _people()
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in=sum(members.values(), []))}
    groups = list(members.values())
    names = list(members)
    warm = 2 * GROUPS  # two rounds first: caches and connections are not measured
    progress(f"{warm + count:,} cases waiting in the groups' queues…")
    with notifications_off():
        cases = [
            instance_start(
                definition_key="bench_notify",
                user=people[groups[n % GROUPS][0]],
                variables={"group": names[n % GROUPS]},
            ).pk
            for n in range(warm + count)
        ]
    cluster = Cluster(
        log_dir(),
        database_url=database_url_of(connection),
        broker_url=broker,
        settings="bench.settings",
    )
    cluster.env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    app.conf.broker_url = broker
    app._pool = None
    settings.CELERY_BROKER_URL = broker  # the notifications' jobs go to the worker
    timings: dict[bool, list[float]] = {True: [], False: []}
    first_id = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        cluster.start_worker()
        time.sleep(4)  # the worker boots before the clock starts
        progress(f"{count} completions, alternating notifications on / off…")
        started, told_tasks = time.perf_counter(), 0
        for n, case in enumerate(cases):
            turn = n // GROUPS
            on = (n + turn) % 2 == 0
            user = people[groups[n % GROUPS][turn % PEOPLE]]
            if on:
                took = _complete(case, user)
                told_tasks += 1
            else:
                with notifications_off():
                    took = _complete(case, user)
            if n >= warm:
                timings[on].append(took)
        elapsed = time.perf_counter() - started
        told = Notification.objects.filter(pk__gt=first_id)
        expected = told_tasks * (PEOPLE - 1)  # each member of the group but its completer
        progress(f"Waiting for the worker to tell {expected:,} people…")
        delivered_at = time.perf_counter()
        wait_for(lambda: told.filter(emailed_at__isnull=False).count() >= expected, 900, 1.0)
        delivery_s = time.perf_counter() - delivered_at
        tasks = list(told.order_by("key").values_list("key", flat=True).distinct()[:REDELIVERED])
        for key in tasks:
            fan_out_task.delay("task_created", {"task_id": int(key.split(":")[1])})
        wait_for(lambda: queue.llen("celery") == 0, 120, 0.5)
        time.sleep(2)  # the last job taken finishes
        stored = told.count()
        distinct = told.values("recipient_id", "key").distinct().count()
        emailed = told.filter(emailed_at__isnull=False).count()
    finally:
        cluster.stop()
    on, off = timings[True], timings[False]
    return {
        "completions": len(on) + len(off),
        "groups": GROUPS,
        "people_per_group": PEOPLE,
        "tasks_per_s": round(len(cases) / elapsed, 1),
        "ms_on": round(statistics.mean(on) * 1000, 3),
        "ms_off": round(statistics.mean(off) * 1000, 3),
        "p50_ms_on": round(statistics.median(on) * 1000, 3),
        "p50_ms_off": round(statistics.median(off) * 1000, 3),
        "p95_ms_on": round(summary(on)["p95"] * 1000, 3),
        "p95_ms_off": round(summary(off)["p95"] * 1000, 3),
        "expected": expected,
        "stored": stored,
        "emailed": emailed,
        "told_twice": stored - distinct,
        "redelivered_jobs": len(tasks),
        "delivery_s": round(delivery_s, 1),
        "ratio_p50": round(statistics.median(on) / statistics.median(off), 3),
        "ratio": round(statistics.mean(on) / statistics.mean(off), 3),
    }
