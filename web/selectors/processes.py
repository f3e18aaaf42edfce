"""Reads behind the process pages: definitions, versions, heatmap, diagram marks."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.http import Http404
from django.utils.translation import gettext as _

from engine.models import HumanTask, InstanceEvent, ProcessDefinition, ProcessInstance
from engine.selectors import definition_versions, latest_definitions, open_incidents

LIVE = (
    ProcessInstance.Status.RUNNING,
    ProcessInstance.Status.SUSPENDED,
    ProcessInstance.Status.ERROR,
)
# History events that mean an element has been passed through.
DONE_EVENTS = (
    InstanceEvent.Type.TASK_COMPLETED,
    InstanceEvent.Type.SCRIPT_RUN,
    InstanceEvent.Type.SERVICE_TASK_RUN,
    InstanceEvent.Type.TIMER_FIRED,
    InstanceEvent.Type.MESSAGE_CORRELATED,
    InstanceEvent.Type.MESSAGE_SENT,
)


@dataclass
class ProcessRow:
    latest: ProcessDefinition
    versions: int
    running: int


def process_rows() -> list[ProcessRow]:
    latest = latest_definitions()
    versions = dict(
        ProcessDefinition.objects.values("key").annotate(n=Count("id")).values_list("key", "n")
    )
    running = dict(
        ProcessInstance.objects.filter(status__in=LIVE)
        .values("definition__key")
        .annotate(n=Count("id"))
        .values_list("definition__key", "n")
    )
    for definition in latest:
        definition.deployed_by_name = getattr(definition.deployed_by, "username", "")
    return [
        ProcessRow(latest=d, versions=versions.get(d.key, 0), running=running.get(d.key, 0))
        for d in sorted(latest, key=lambda d: (d.name or d.key).lower())
    ]


def versions_of(key: str) -> list[ProcessDefinition]:
    # With each version's deployment comment, not its files (read for the shown one only).
    versions = list(
        definition_versions(key)
        .select_related("deployment")
        .defer("deployment__files")
        .annotate(
            running=Count("instances", filter=Q(instances__status__in=LIVE)),
            total=Count("instances"),
        )
    )
    if not versions:
        raise Http404(_("No process “%(key)s” is deployed.") % {"key": key})
    return versions


def pick_version(versions: list[ProcessDefinition], wanted) -> ProcessDefinition:
    """The version asked for in ?version=, else the latest."""
    if wanted:
        for definition in versions:
            if str(definition.version) == str(wanted):
                return definition
        raise Http404(_("This process has no version %(version)s.") % {"version": wanted})
    return versions[-1]


def definition_for(key: str, version=None) -> ProcessDefinition:
    qs = ProcessDefinition.objects.select_related("deployment").filter(key=key)
    definition = (
        qs.filter(version=version).first()
        if str(version or "").isdigit()
        else qs.order_by("-version").first()
    )
    if definition is None:
        if version:
            raise Http404(
                _("No process “%(key)s” version %(version)s is deployed.")
                % {"key": key, "version": version}
            )
        raise Http404(_("No process “%(key)s” is deployed.") % {"key": key})
    return definition


def waiting_counts(definition: ProcessDefinition) -> dict[str, int]:
    """Per element: how many live instances of this version are waiting there."""
    counts: Counter = Counter()
    for active in ProcessInstance.objects.filter(
        definition=definition, status__in=LIVE
    ).values_list("active", flat=True):
        counts.update(set(active or []))
    return dict(counts)


def task_durations(definition: ProcessDefinition) -> dict[str, dict]:
    """Per user task of this version: completed count and average seconds from created to done."""
    spent = ExpressionWrapper(F("ended_at") - F("created_at"), output_field=DurationField())
    rows = (
        HumanTask.objects.filter(
            definition=definition, status=HumanTask.Status.COMPLETED, ended_at__isnull=False
        )
        .values("element_id", "name")
        .annotate(n=Count("id"), average=Avg(spent))
        .order_by("element_id")
    )
    return {
        row["element_id"]: {
            "name": row["name"],
            "completed": row["n"],
            "seconds": row["average"].total_seconds() if row["average"] is not None else None,
        }
        for row in rows
    }


def instance_marks(instance: ProcessInstance) -> dict[str, list[str]]:
    """Element ids to mark on an instance's diagram: active, completed, failed."""
    done = set(
        InstanceEvent.objects.filter(instance=instance, type__in=DONE_EVENTS)
        .exclude(element_id="")
        .values_list("element_id", flat=True)
    )
    incidents = set(open_incidents(instance.pk).values_list("element_id", flat=True))
    active = set(instance.active or [])
    return {
        "active": sorted(active - incidents),
        "done": sorted(done - active - incidents),
        "incident": sorted(incidents),
    }
