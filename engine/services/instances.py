"""Start, cancel, suspend and resume process instances; retry incidents."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from engine.db.transactions import atomic
from engine.exceptions import Conflict, InvalidData, NotFound
from engine.models import HumanTask, Incident, ProcessDefinition, ProcessInstance
from engine.models.events import EventType
from engine.runtime.blame import make_retryable
from engine.runtime.runner import Failure, StepOutcome, load_workflow, run_engine
from engine.runtime.script_helpers import acting_as
from engine.runtime.spiff import TaskState
from engine.types import JSONDict, User

from .external.sync import drop_external_tasks
from .locking import cached_definition, lock_instance
from .messages import publish_thrown
from .persist import persist, projection_failure
from .revision import bump_revision
from .starting import start
from .step import open_step, record

Status = ProcessInstance.Status


def _definition(key: str, version: int | None) -> ProcessDefinition:
    qs = ProcessDefinition.objects.filter(key=key).values_list("pk", flat=True)
    pk = qs.filter(version=version).first() if version else qs.order_by("-version").first()
    definition = None if pk is None else cached_definition(pk)
    if definition is None:
        if version:
            message = _("No process “%(key)s” version %(version)s is deployed.") % {
                "key": key,
                "version": version,
            }
        else:
            message = _("No process “%(key)s” is deployed.") % {"key": key}
        raise InvalidData(message, {"definition": [message]})
    return definition


@atomic
def instance_start(
    *,
    definition_key: str,
    version: int | None = None,
    variables: JSONDict | None = None,
    business_key: str = "",
    user: User | None = None,
) -> ProcessInstance:
    """Start a new instance of the latest (or the given) version at its none start event
    and run it to its first wait. (A timer or a message starts one at its own start event:
    start_timers.py, messages.py.)"""
    if variables is not None and not isinstance(variables, dict):
        raise InvalidData(
            _("Variables must be an object."), {"variables": [_("Must be an object.")]}
        )
    definition = _definition(definition_key, version)
    with open_step():
        new = start(definition, variables=variables or {}, business_key=business_key, user=user)
        publish_thrown(new.instance, new.thrown)
    return new.instance


def _user(user: User | None) -> User | None:
    return user if getattr(user, "pk", None) else None


# The change refused, as a whole sentence for the translators; the case by its business
# key (an instance without one by its number).
REFUSED = {
    "cancel": gettext_lazy("Instance %(case)s is “%(status)s”; it cannot be cancelled."),
    "suspend": gettext_lazy(
        "Instance %(case)s is “%(status)s”; only a running instance is suspended."
    ),
    "resume": gettext_lazy(
        "Instance %(case)s is “%(status)s”; only a suspended instance is resumed."
    ),
}


def _case(instance: ProcessInstance) -> str:
    if instance.business_key:
        return instance.business_key
    return pgettext("an instance without a business key", "#%(id)s") % {"id": instance.pk}


def _require(instance: ProcessInstance, allowed: tuple[Any, ...], action: str) -> None:
    if instance.status not in allowed:
        status = ProcessInstance.Status(instance.status).label
        raise Conflict(REFUSED[action] % {"case": _case(instance), "status": status})


def _close_open_tasks(instance: ProcessInstance) -> None:
    now = timezone.now()
    open_tasks = instance.tasks.filter(status__in=[HumanTask.Status.OPEN, HumanTask.Status.CLAIMED])
    for task in open_tasks:
        task.candidates.all().delete()
    open_tasks.update(status=HumanTask.Status.CANCELLED, ended_at=now)


@atomic
def instance_cancel(*, instance_id: int, user: User | None = None) -> ProcessInstance:
    instance = lock_instance(instance_id)
    _require(instance, (Status.RUNNING, Status.SUSPENDED, Status.ERROR), "cancel")
    _close_open_tasks(instance)
    drop_external_tasks(instance)
    instance.incidents.filter(status=Incident.Status.OPEN).update(
        status=Incident.Status.RESOLVED, resolved_at=timezone.now()
    )
    instance.ended_variables = instance.variables
    instance.pieces.all().delete()
    instance.status = Status.CANCELLED
    instance.ended_at = timezone.now()
    instance.active = []
    instance.state = ""
    bump_revision(instance)
    instance.save()
    record(instance, EventType.CANCELLED, user=_user(user))
    return instance


@atomic
def instance_suspend(*, instance_id: int, user: User | None = None) -> ProcessInstance:
    instance = lock_instance(instance_id)
    _require(instance, (Status.RUNNING, Status.ERROR), "suspend")
    instance.status = Status.SUSPENDED
    bump_revision(instance)
    instance.save(update_fields=["status", "revision", "updated_at"])
    record(instance, EventType.SUSPENDED, user=_user(user))
    return instance


@atomic
def instance_resume(*, instance_id: int, user: User | None = None) -> ProcessInstance:
    instance = lock_instance(instance_id)
    _require(instance, (Status.SUSPENDED,), "resume")
    has_incident = instance.incidents.filter(status=Incident.Status.OPEN).exists()
    instance.status = Status.ERROR if has_incident else Status.RUNNING
    bump_revision(instance)
    instance.save(update_fields=["status", "revision", "updated_at"])
    record(instance, EventType.RESUMED, user=_user(user))
    return instance


@atomic
def incident_retry(*, incident_id: int, user: User | None = None) -> Incident:
    """Run the failed step again; the incident closes when it succeeds."""
    try:
        incident = Incident.objects.get(pk=incident_id)
    except Incident.DoesNotExist:
        raise NotFound(_("Incident #%(id)s does not exist.") % {"id": incident_id}) from None
    instance = lock_instance(incident.instance_id)
    incident.refresh_from_db()
    if incident.status != Incident.Status.OPEN:
        raise Conflict(_("The incident is already resolved."))
    if instance.status == Status.SUSPENDED:
        raise Conflict(_("Resume the instance before retrying its incident."))
    workflow = load_workflow(instance)
    task = workflow.get_task_from_id(incident.spiff_task_id) if incident.spiff_task_id else None
    outcome = StepOutcome()
    if task is not None and task.state == TaskState.ERROR:
        make_retryable(task)
        task.internal_data.pop("attempts", None)
        if (message := projection_failure(instance, task)) is not None:
            outcome.failure = Failure(incident.element_id, task.id, message)
    if outcome.failure is None:
        # Run the failed step now, not in a worker later: the person retrying it is told
        # what happened (succeeded, or failed again with the new error).
        with acting_as(user):  # its scripts see who retries it
            outcome = run_engine(
                workflow, outcome, elements=instance.definition.elements, inline=True
            )
    # The same failure again keeps this incident open and counts the attempt (in persist).
    if outcome.failure is None or outcome.failure.element_id != incident.element_id:
        incident.status = Incident.Status.RESOLVED
        incident.resolved_at = timezone.now()
        incident.save(update_fields=["status", "resolved_at"])
        record(
            instance,
            EventType.INCIDENT_RESOLVED,
            element_id=incident.element_id,
            user=_user(user),
            data={"incident": incident.pk, "by": "retry"},
        )
    with open_step():
        publish_thrown(instance, persist(instance, workflow, outcome, user=_user(user)))
    incident.refresh_from_db()
    return incident
