"""Moving running instances of a process from one of its versions to another.

A plan comes first and changes nothing: elements are matched by id (and by the mapping
given for renamed ones), and each running instance is tried on a copy of its state — moved,
saved and read back on the new version — so the plan says which instances can move and,
for the others, why. Moving then takes one instance at a time, each in its own transaction
under its instance lock, tried again there (it may have moved on since the plan), and
recorded in its history with who moved it from which version to which.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, ProcessDefinition, ProcessInstance
from engine.models.events import EventType
from engine.runtime import migration as moving
from engine.runtime.migration import Blocker
from engine.runtime.runner import StepOutcome, run_engine
from engine.runtime.script_engine import SCRIPT_ENGINE
from engine.runtime.specs import specs_for
from engine.runtime.spiff import BpmnWorkflow
from engine.runtime.state import dump_state, load_state
from engine.types import JSONDict, User

from .locking import cached_definition, lock_instance
from .messages import publish_thrown
from .permissions import migration_refusal
from .persist import persist
from .step import open_step, record

Status = ProcessInstance.Status
MOVABLE = (Status.RUNNING, Status.SUSPENDED, Status.ERROR)
UNSAVEABLE = "unsaveable"


class MigrationRefused(Conflict):
    """Chosen instances that cannot move (409): the message names the first, the body all."""

    def __init__(self, message: str, refused: list[JSONDict]) -> None:
        super().__init__(message)
        self.refused = refused

    def body(self) -> JSONDict:
        return {"refused": self.refused}


@dataclass(frozen=True)
class InstanceCheck:
    instance: ProcessInstance
    blockers: list[Blocker]

    @property
    def movable(self) -> bool:
        return not self.blockers


@dataclass
class MigrationPlan:
    source: ProcessDefinition
    target: ProcessDefinition
    mapping: dict[str, str]
    suggestions: dict[str, str]
    checks: list[InstanceCheck] = field(default_factory=list)

    @property
    def movable(self) -> list[InstanceCheck]:
        return [check for check in self.checks if check.movable]

    @property
    def blocked(self) -> list[InstanceCheck]:
        return [check for check in self.checks if not check.movable]


@dataclass
class MigrationResult:
    plan: MigrationPlan
    moved: list[ProcessInstance] = field(default_factory=list)
    refused: list[tuple[ProcessInstance, str]] = field(default_factory=list)


def instance_label(instance: ProcessInstance) -> str:
    return instance.business_key or _("case %(number)s") % {"number": instance.pk}


def blocker_message(blocker: Blocker, target: ProcessDefinition) -> str:
    """Why an instance cannot move, in words."""
    values = {"element": blocker.element_name, "version": target.version}
    if blocker.reason == moving.REMOVED:
        text = _(
            "it is at “%(element)s”, which v%(version)s does not have: choose the step of "
            "v%(version)s it continues at"
        )
    elif blocker.reason == moving.TYPE_CHANGED:
        text = _("“%(element)s” is another kind of element in v%(version)s")
    elif blocker.reason == moving.SHAPE_CHANGED:
        text = _("the multi-instance “%(element)s” runs over its items differently in v%(version)s")
    elif blocker.reason == moving.SUBPROCESS_REMOVED:
        text = _("“%(element)s” runs a process that v%(version)s does not have")
    elif blocker.reason == moving.NOT_IN_TARGET:
        text = _("what comes after “%(element)s” is not in v%(version)s while it still runs")
    else:
        text = _("it could not be kept on v%(version)s: %(detail)s")
    return text % {**values, "detail": blocker.detail}


def refusal_message(instance: ProcessInstance, blockers: list[Blocker], target: Any) -> str:
    reasons = "; ".join(blocker_message(blocker, target) for blocker in blockers)
    return _("%(instance)s cannot move to v%(version)s: %(reasons)s.") % {
        "instance": instance_label(instance),
        "version": target.version,
        "reasons": reasons,
    }


def _version(key: str, number: object, name: str) -> ProcessDefinition:
    try:
        version = int(str(number))
    except (TypeError, ValueError):
        raise InvalidData(
            _("Choose the versions to move between."), {name: [_("A version number.")]}
        ) from None
    pk = (
        ProcessDefinition.objects.filter(key=key, version=version)
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise InvalidData(
            _("“%(key)s” has no version %(version)s.") % {"key": key, "version": version},
            {name: [_("No such version of this process.")]},
        )
    return cached_definition(pk)


def _element_names(definition: ProcessDefinition) -> dict[str, str]:
    spec, subprocess_specs = specs_for(definition)
    return {
        task_spec.bpmn_id: task_spec.bpmn_name or task_spec.bpmn_id
        for process in [spec, *subprocess_specs.values()]
        for task_spec in process.task_specs.values()
        if task_spec.bpmn_id
    }


def element_names(definition: ProcessDefinition) -> dict[str, str]:
    """The process's elements (with those of the processes it calls): id → name."""
    return _element_names(definition)


def _checked_mapping(
    source: ProcessDefinition, target: ProcessDefinition, mapping: object
) -> dict[str, str]:
    if mapping in (None, ""):
        return {}
    if not isinstance(mapping, dict):
        raise InvalidData(
            _("The mapping is an object of element id → element id."),
            {"mapping": [_("An object of element id → element id.")]},
        )
    old, new = _element_names(source), _element_names(target)
    errors: dict[str, list[str]] = {}
    for before, after in mapping.items():
        if before not in old:
            errors[f"mapping.{before}"] = [
                _("v%(version)s has no element “%(element)s”.")
                % {"version": source.version, "element": before}
            ]
        elif not isinstance(after, str) or after not in new:
            errors[f"mapping.{before}"] = [
                _("v%(version)s has no element “%(element)s”.")
                % {"version": target.version, "element": after}
            ]
    if errors:
        raise InvalidData(_("The mapping names elements the versions do not have."), errors)
    return {str(before): str(after) for before, after in mapping.items()}


def _workflow(instance: ProcessInstance, definition: ProcessDefinition) -> BpmnWorkflow:
    """A fresh copy of the instance's workflow from its stored state (never the one kept
    hot for its next step: a move that is refused must leave that one as it was)."""
    spec, subprocess_specs = specs_for(definition)
    workflow = load_state(instance.stored_state(), spec, subprocess_specs, instance.stored_pieces)
    workflow.script_engine = SCRIPT_ENGINE
    workflow.instance_id = instance.pk
    return workflow


def _trial(
    instance: ProcessInstance, target: ProcessDefinition, mapping: dict[str, str]
) -> list[Blocker]:
    """Move a copy of the instance, save it and read it back on the target version."""
    workflow = _workflow(instance, instance.definition)
    spec, subprocess_specs = specs_for(target)
    blockers = moving.migrate(workflow, spec, subprocess_specs, mapping)
    if blockers:
        return blockers
    try:
        load_state(dump_state(workflow).text, spec, subprocess_specs, instance.stored_pieces)
    except Exception as error:  # the library's own refusal, whatever it is, is the reason
        return [Blocker("", "", UNSAVEABLE, str(error))]
    return []


def _refuse(user: User | None) -> None:
    if refusal := migration_refusal(user):
        raise Forbidden(refusal)


def migration_versions(
    *, user: User | None, key: str, from_version: object, to_version: object, mapping: object
) -> tuple[ProcessDefinition, ProcessDefinition, dict[str, str]]:
    """The versions to move between and the checked mapping (renamed element → new id);
    raises Forbidden, or InvalidData naming the field. Tries no instance."""
    _refuse(user)
    source = _version(key, from_version, "from_version")
    target = _version(key, to_version, "to_version")
    if source.pk == target.pk:
        raise InvalidData(
            _("The instances are on v%(version)s already.") % {"version": source.version},
            {"to_version": [_("Choose another version than the one they are on.")]},
        )
    return source, target, _checked_mapping(source, target, mapping)


def migration_plan(
    *,
    user: User | None,
    key: str,
    from_version: object,
    to_version: object,
    mapping: object = None,
    instance_ids: Iterable[int] | None = None,
) -> MigrationPlan:
    """Which running instances of `from_version` can move to `to_version`, and why not the
    others; changes nothing. Raises Forbidden, or InvalidData naming the field."""
    source, target, applied = migration_versions(
        user=user, key=key, from_version=from_version, to_version=to_version, mapping=mapping
    )
    spec, _subs = specs_for(source)
    new_spec, _new_subs = specs_for(target)
    suggestions = {
        before: after
        for before, after in moving.suggestions(spec, new_spec).items()
        if before not in applied
    }
    plan = MigrationPlan(source, target, applied, suggestions)
    instances = ProcessInstance.objects.filter(definition=source, status__in=MOVABLE)
    if instance_ids is not None:
        wanted = sorted(set(instance_ids))
        instances = instances.filter(pk__in=wanted)
        missing = sorted(set(wanted) - set(instances.values_list("pk", flat=True)))
        if missing:
            raise InvalidData(
                _("Some chosen instances are not running on v%(version)s.")
                % {"version": source.version},
                {"instances": [", ".join(str(pk) for pk in missing)]},
            )
    for instance in instances.order_by("pk"):
        instance.definition = source
        plan.checks.append(InstanceCheck(instance, _trial(instance, target, applied)))
    return plan


@atomic
def instance_migrate(
    *,
    instance_id: int,
    target: ProcessDefinition,
    mapping: dict[str, str],
    user: User | None,
    source_id: int | None = None,
) -> ProcessInstance:
    """Move one instance to `target` under its lock; Conflict naming it when it cannot."""
    _refuse(user)
    instance = lock_instance(instance_id)
    source = instance.definition
    if instance.status not in MOVABLE:
        raise Conflict(
            _("%(instance)s has ended (%(status)s): it stays on v%(version)s.")
            % {
                "instance": instance_label(instance),
                "status": instance.status,
                "version": source.version,
            }
        )
    if source.key != target.key or (source_id is not None and source.pk != source_id):
        raise Conflict(
            _("%(instance)s is on v%(version)s now, not on the version it was planned from.")
            % {"instance": instance_label(instance), "version": source.version}
        )
    if blockers := _trial(instance, target, mapping):
        raise Conflict(refusal_message(instance, blockers, target))
    workflow = _workflow(instance, source)
    spec, subprocess_specs = specs_for(target)
    moving.migrate(workflow, spec, subprocess_specs, mapping)
    instance.definition = target
    ProcessInstance.objects.filter(pk=instance.pk).update(definition=target)
    _move_inbox(instance, workflow, target)
    # A running instance goes on at once where the new version has automatic work next.
    outcome = (
        run_engine(workflow, elements=target.elements)
        if instance.status == Status.RUNNING
        else StepOutcome()
    )
    with open_step():
        record(
            instance,
            EventType.MIGRATED,
            user=user if getattr(user, "pk", None) else None,
            data={
                "from_version": source.version,
                "to_version": target.version,
                "mapping": mapping,
            },
        )
        publish_thrown(instance, persist(instance, workflow, outcome, user=user))
    instance.refresh_from_db()
    return instance


def _move_inbox(instance: ProcessInstance, workflow: BpmnWorkflow, target: Any) -> None:
    """The open inbox rows follow their tasks onto the new version (a renamed element
    gives its row the new name)."""
    rows = HumanTask.objects.filter(
        Q(status=HumanTask.Status.OPEN) | Q(status=HumanTask.Status.CLAIMED), instance=instance
    )
    for row in rows:
        task = workflow.get_task_from_id(row.spiff_task_id)
        spec = task.task_spec if task is not None else None
        row.definition = target
        if spec is not None and spec.bpmn_id:
            row.element_id = spec.bpmn_id
            row.name = spec.bpmn_name or spec.bpmn_id
        row.save(update_fields=["definition", "element_id", "name"])


def instances_migrate(
    *,
    user: User | None,
    key: str,
    from_version: object,
    to_version: object,
    mapping: object = None,
    instance_ids: Iterable[int] | None = None,
) -> MigrationResult:
    """Move the chosen instances (or, with None, every one that can move) each in its own
    transaction. Chosen instances that cannot move are refused together before any moves
    (MigrationRefused, 409, naming them); an instance that changed since the plan and can
    no longer move is reported in the result, the others move."""
    plan = migration_plan(
        user=user,
        key=key,
        from_version=from_version,
        to_version=to_version,
        mapping=mapping,
        instance_ids=instance_ids,
    )
    if instance_ids is not None and plan.blocked:
        refused = [
            {
                "id": check.instance.pk,
                "business_key": check.instance.business_key,
                "message": refusal_message(check.instance, check.blockers, plan.target),
            }
            for check in plan.blocked
        ]
        raise MigrationRefused(str(refused[0]["message"]), refused)
    result = MigrationResult(plan)
    for check in plan.movable:
        try:
            moved = instance_migrate(
                instance_id=check.instance.pk,
                target=plan.target,
                mapping=plan.mapping,
                user=user,
                source_id=plan.source.pk,
            )
        except Conflict as error:
            result.refused.append((check.instance, error.message))
        else:
            result.moved.append(moved)
    for check in plan.blocked:
        result.refused.append(
            (check.instance, refusal_message(check.instance, check.blockers, plan.target))
        )
    return result
