"""How long the processes take: per process, the instances completed in the period, from
start to end; per task, the tasks completed in the period, from when they opened to when
they were completed — average and longest, each one grouped query over the engine's
records (`engine.models`, read as the other business reads do)."""

from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max

from engine.models import HumanTask, ProcessInstance
from processes.kpis.periods import Period

DURATION = DurationField()


def _took(start: str, end: str = "ended_at") -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DURATION)


def process_cycle_times(period: Period) -> list[dict]:
    """Per process (its key, named by its diagram): instances completed in the period, their
    average and longest time from start to end; the slowest on average first."""
    rows = (
        ProcessInstance.objects.filter(
            period.within("ended_at"), status=ProcessInstance.Status.COMPLETED
        )
        .values("definition__key")
        .annotate(
            name=Max("definition__name"),
            completed=Count("id"),
            average=Avg(_took("started_at")),
            longest=Max(_took("started_at")),
        )
        .order_by("-average", "definition__key")
    )
    return [
        {
            "key": row["definition__key"],
            "name": row["name"] or row["definition__key"],
            "completed": row["completed"],
            "average": _duration(row["average"]),
            "longest": _duration(row["longest"]),
        }
        for row in rows
    ]


def task_cycle_times(period: Period) -> list[dict]:
    """Per process and task (its BPMN element): tasks completed in the period, their average
    and longest time from opening to completion, and how long they waited, on average, for
    somebody to take them (the claimed ones); the slowest on average first."""
    rows = (
        HumanTask.objects.filter(period.within("ended_at"), status=HumanTask.Status.COMPLETED)
        .values("definition__key", "element_id")
        .annotate(
            process=Max("definition__name"),
            name=Max("name"),
            completed=Count("id"),
            average=Avg(_took("created_at")),
            longest=Max(_took("created_at")),
            waited=Avg(_took("created_at", "claimed_at")),
        )
        .order_by("-average", "definition__key", "element_id")
    )
    return [
        {
            "key": row["definition__key"],
            "process": row["process"] or row["definition__key"],
            "element_id": row["element_id"],
            "name": row["name"] or row["element_id"],
            "completed": row["completed"],
            "average": _duration(row["average"]),
            "longest": _duration(row["longest"]),
            "waited": _duration(row["waited"]) if row["waited"] is not None else None,
        }
        for row in rows
    ]


def _duration(value) -> timedelta:
    # Whole seconds: the databases average to the microsecond, a person reads minutes.
    if value is None:
        return timedelta(0)
    if not isinstance(value, timedelta):  # a backend that answers microseconds
        value = timedelta(microseconds=float(value))
    return timedelta(seconds=round(value.total_seconds()))


def hours(value: timedelta) -> float:
    """The duration in hours, to the hundredth (what the chart draws)."""
    return round(value.total_seconds() / 3600, 2)
