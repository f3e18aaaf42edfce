"""Reads behind the monitor: instances with filters, and one instance's details."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils import timezone

from engine.models import ExternalTask, HumanTask, ProcessDefinition, ProcessInstance
from engine.selectors import (
    instances,
    movable_elements,
    open_incidents,
    visible_incidents,
    visible_instances,
)
from engine.services.permissions import monitored_keys

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

    def as_query(self) -> dict:
        """These filters in the API's words (/api/instances/, saved filters)."""
        query = {
            "definition": self.process,
            "version": int(self.version) if self.version else None,
            "status": self.status,
            "stage": self.stage,
            "business_key": self.business_key,
            "started_from": self.started_from.isoformat() if self.started_from else "",
            "started_to": self.started_to.isoformat() if self.started_to else "",
        }
        return {name: value for name, value in query.items() if value}

    @classmethod
    def from_saved(cls, query: dict) -> "MonitorFilters":
        """A saved filter's query (the API's words) as the page's filters."""
        words = {name: str(value) for name, value in query.items()}
        words["process"] = words.pop("definition", "")
        return cls.from_query(words)

    def as_params(self) -> str:
        """The page's query string for these filters."""
        params = {**self.as_query(), "process": self.process}
        params.pop("definition", None)
        return urlencode({name: value for name, value in params.items() if value})


def monitor_instances(filters: MonitorFilters, user) -> QuerySet[ProcessInstance]:
    """The instances the filters pick out of those the person sees."""
    query = filters.as_query()
    found = instances(
        definition=filters.process or None,
        version=query.get("version"),
        status=filters.status or None,
        business_key=filters.business_key or None,
        stage=filters.stage or None,
        started_from=filters.started_from,
        started_to=filters.started_to,
    ).select_related("started_by")
    return visible_instances(user, found)


def filter_choices(process: str, user) -> dict:
    """What the filter lists offer: the processes the person monitors, versions of the
    chosen one, known stages."""
    processes = {}
    definitions = ProcessDefinition.objects.order_by("key", "-version")
    watched = monitored_keys(user)
    if watched is not None:
        definitions = definitions.filter(key__in=sorted(watched))
    for key, name in definitions.values_list("key", "name"):
        processes.setdefault(key, name or key)
    versions = []
    stages_qs = visible_instances(user, ProcessInstance.objects.exclude(stage=""))
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


def batch_steps(filters: MonitorFilters) -> list[tuple[str, str]]:
    """The steps a batch may move the shown instances' work between: those of the chosen
    process (its chosen version, else the latest); none while no process is chosen."""
    if not filters.process:
        return []
    found = ProcessDefinition.objects.filter(key=filters.process)
    if filters.version:
        found = found.filter(version=int(filters.version))
    definition = found.order_by("-version").first()
    return movable_elements(definition) if definition else []


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


def open_incident_count(user) -> int:
    return visible_incidents(user, open_incidents()).count()
