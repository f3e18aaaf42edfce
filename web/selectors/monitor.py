"""Reads behind the monitor: instances with filters, and one instance's details."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from engine.models import ExternalTask, HumanTask, ProcessDefinition, ProcessInstance
from engine.selectors import instances, open_incidents

from .processes import instance_marks

STATUSES = [(value, label) for value, label in ProcessInstance.Status.choices]


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True)
class MonitorFilters:
    process: str = ""
    version: str = ""
    status: str = ""
    stage: str = ""
    business_key: str = ""
    started_from: date | None = None
    started_to: date | None = None

    @classmethod
    def from_query(cls, query) -> "MonitorFilters":
        status = query.get("status", "")
        version = query.get("version", "")
        return cls(
            process=query.get("process", "")[:255],
            version=version if version.isdigit() else "",
            status=status if status in ProcessInstance.Status.values else "",
            stage=query.get("stage", "")[:255],
            business_key=query.get("business_key", "").strip()[:255],
            started_from=_date(query.get("started_from", "")),
            started_to=_date(query.get("started_to", "")),
        )

    @property
    def any(self) -> bool:
        return any(
            [
                self.process,
                self.version,
                self.status,
                self.stage,
                self.business_key,
                self.started_from,
                self.started_to,
            ]
        )


def monitor_instances(filters: MonitorFilters) -> QuerySet[ProcessInstance]:
    qs = instances(
        definition=filters.process or None,
        version=int(filters.version) if filters.version else None,
        status=filters.status or None,
        business_key=filters.business_key or None,
        stage=filters.stage or None,
    ).select_related("started_by")
    if filters.started_from:
        qs = qs.filter(started_at__date__gte=filters.started_from)
    if filters.started_to:
        qs = qs.filter(started_at__date__lte=filters.started_to)
    return qs


def filter_choices(process: str) -> dict:
    """What the filter lists offer: processes, versions of the chosen one, known stages."""
    processes = {}
    for key, name in ProcessDefinition.objects.order_by("key", "-version").values_list(
        "key", "name"
    ):
        processes.setdefault(key, name or key)
    versions = []
    stages_qs = ProcessInstance.objects.exclude(stage="")
    if process:
        versions = list(
            ProcessDefinition.objects.filter(key=process)
            .order_by("version")
            .values_list("version", flat=True)
        )
        stages_qs = stages_qs.filter(definition__key=process)
    stages = list(stages_qs.order_by("stage").values_list("stage", flat=True).distinct()[:200])
    return {
        "processes": sorted(processes.items()),
        "versions": versions,
        "stages": stages,
        "statuses": STATUSES,
    }


def instance_detail(instance: ProcessInstance) -> dict:
    tasks = (
        HumanTask.objects.filter(instance=instance, status__in=[HumanTask.Status.OPEN, "claimed"])
        .select_related("assignee")
        .order_by("id")
    )
    return {
        "tasks": list(tasks),
        "external_tasks": external_tasks(instance),
        "incidents": list(open_incidents(instance.pk)),
        "marks": instance_marks(instance),
    }


@dataclass(frozen=True)
class ExternalWait:
    """A service task waiting for an external worker, as the monitor shows it."""

    element_id: str
    topic: str
    state: str  # waiting | locked | retrying
    worker: str
    until: object
    error: str
    retries: int | None


def external_tasks(instance: ProcessInstance) -> list[ExternalWait]:
    now = timezone.now()
    found = []
    for row in ExternalTask.objects.filter(instance=instance).order_by("id"):
        if row.worker_id and row.lock_expires_at and row.lock_expires_at > now:
            state, until = "locked", row.lock_expires_at
        elif row.retries is not None:
            state, until = "retrying", row.available_at
        else:
            state, until = "waiting", None
        found.append(
            ExternalWait(
                row.element_id,
                row.topic,
                state,
                row.worker_id,
                until,
                row.error_message,
                row.retries,
            )
        )
    return found


def open_incident_count() -> int:
    return open_incidents().count()
