"""Batch operations: cancel, suspend, resume, retry the incidents of, move to another version, or
move the work of (the same instructions for each) many instances at once (chosen by the
monitor's filters or by id), done in the background.

Creating a batch writes one pending item per chosen instance and nothing else. The work is
done by `batch_work`, which the sweep calls while a batch has pending items: each item in
its own transaction, holding its row lock, with the instance's own service (its own lock,
its own history event) — the item is marked changed, or refused with the reason, in that
same transaction. A worker killed half-way leaves the rest pending for the next sweep; an
item is never done twice, and the batch's report lists the instances it could not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import EngineError, Forbidden, InvalidData
from engine.models import Batch, BatchItem, Incident, ProcessInstance
from engine.types import JSONDict, User
from profiles.selectors import language_for

from .instances import incident_retry, instance_cancel, instance_resume, instance_suspend
from .locking import cached_definition
from .migration import MOVABLE, instance_migrate, migration_versions
from .modification import instance_modify, parse_instructions
from .permissions import batch_refusal

Operation = Batch.Operation
ItemStatus = BatchItem.Status


def _retry_incidents(*, instance_id: int, user: User | None, parameters: JSONDict) -> str | None:
    """Retry each open incident of the instance; why it is not changed, if it is not."""
    incidents = list(
        Incident.objects.filter(instance_id=instance_id, status=Incident.Status.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not incidents:
        return _("It has no open incident.")
    for incident_id in incidents:
        retried = incident_retry(incident_id=incident_id, user=user)
        if retried.status == Incident.Status.OPEN:  # kept: the attempt is counted
            return _("The step failed again: %(error)s") % {"error": retried.error_text}
    return None


def _steer(service: Callable[..., Any]) -> Callable[..., str | None]:
    def run(*, instance_id: int, user: User | None, parameters: JSONDict) -> str | None:
        service(instance_id=instance_id, user=user)
        return None

    return run


def _migrate(*, instance_id: int, user: User | None, parameters: JSONDict) -> str | None:
    """Move the instance to the batch's target version, tried again under its lock (a
    Conflict saying why it cannot move is the item's reason)."""
    instance_migrate(
        instance_id=instance_id,
        target=cached_definition(int(parameters["target"])),
        mapping=dict(parameters.get("mapping") or {}),
        user=user,
        source_id=int(parameters["source"]),
    )
    return None


def _modify(*, instance_id: int, user: User | None, parameters: JSONDict) -> str | None:
    """Carry out the batch's instructions on the instance (an InvalidData saying why they
    cannot be carried out there, e.g. it does not work at the element to cancel, is the
    item's reason)."""
    instance_modify(instance_id=instance_id, user=user, instructions=parameters["instructions"])
    return None


# Each answers None when the instance is changed, else why not (or raises EngineError).
OPERATIONS: dict[str, Callable[..., str | None]] = {
    Operation.CANCEL: _steer(instance_cancel),
    Operation.SUSPEND: _steer(instance_suspend),
    Operation.RESUME: _steer(instance_resume),
    Operation.RETRY_INCIDENTS: _retry_incidents,
    Operation.MIGRATE: _migrate,
    Operation.MODIFY: _modify,
}


@atomic
def batch_create(
    *,
    user: User | None,
    operation: object,
    instances: QuerySet[ProcessInstance] | Iterable[int],
    selection: dict[str, Any] | None = None,
    migration: JSONDict | None = None,
    instructions: object = None,
) -> Batch:
    """A batch of `operation` over the chosen instances (a queryset, or ids that must all
    exist); the sweep does the work. Raises Forbidden, or InvalidData naming the field.

    A migration names `process`, `from_version`, `to_version` and an optional `mapping`:
    of the chosen instances, those running on `from_version` are moved. A modification carries
    out `instructions` (as `POST /api/instances/{id}/modify/` takes them) on each, checked
    for their shape first."""
    refusal = batch_refusal(user)
    if refusal is not None or user is None:
        raise Forbidden(refusal or "")
    if operation not in OPERATIONS:
        raise InvalidData(
            _("Choose what to do with the instances."),
            {
                "operation": [
                    _("One of cancel, suspend, resume, retry_incidents, migrate and modify.")
                ]
            },
        )
    parameters: JSONDict = {}
    if operation == Operation.MIGRATE:
        parameters, instances = _migration(user, migration, instances)
    elif operation == Operation.MODIFY:
        parameters = {
            "instructions": [
                {"type": i.kind, "element": i.element_id, "variables": i.variables}
                for i in parse_instructions(instructions)
            ]
        }
    from engine.selectors import visible_instances  # the selectors read this package

    if isinstance(instances, QuerySet):
        ids = sorted(visible_instances(user, instances).values_list("pk", flat=True))
    else:  # an instance the person does not see does not exist for her
        wanted = sorted({int(pk) for pk in instances})
        seen = visible_instances(user, ProcessInstance.objects.filter(pk__in=wanted))
        ids = sorted(seen.values_list("pk", flat=True))
        if missing := sorted(set(wanted) - set(ids)):
            raise InvalidData(
                _("Some chosen instances do not exist: %(ids)s.")
                % {"ids": ", ".join(map(str, missing))},
                {"instances": [", ".join(map(str, missing))]},
            )
    if not ids:
        raise InvalidData(
            _("No instance is chosen: change the filters or pick some."),
            {"instances": [_("No instance is chosen.")]},
        )
    batch = Batch.objects.create(
        operation=str(operation),
        selection=selection or {},
        parameters=parameters,
        total=len(ids),
        created_by=user if getattr(user, "pk", None) else None,
    )
    BatchItem.objects.bulk_create(
        [BatchItem(batch=batch, instance_id=pk) for pk in ids], batch_size=500
    )
    return batch


def _migration(
    user: User, migration: JSONDict | None, instances: QuerySet[ProcessInstance] | Iterable[int]
) -> tuple[JSONDict, QuerySet[ProcessInstance] | list[int]]:
    """A migration batch's parameters, and the chosen instances on the version it moves from
    (a chosen id on another version is refused, naming it)."""
    if not isinstance(migration, dict) or not migration.get("process"):
        raise InvalidData(
            _("Say which process and versions to move the instances between."),
            {"migration": [_("An object with process, from_version and to_version.")]},
        )
    source, target, mapping = migration_versions(
        user=user,
        key=str(migration["process"]),
        from_version=migration.get("from_version"),
        to_version=migration.get("to_version"),
        mapping=migration.get("mapping"),
    )
    parameters: JSONDict = {"source": source.pk, "target": target.pk, "mapping": mapping}
    if isinstance(instances, QuerySet):
        return parameters, instances.filter(definition=source, status__in=MOVABLE)
    wanted = sorted({int(pk) for pk in instances})
    on_source = set(
        ProcessInstance.objects.filter(pk__in=wanted, definition=source).values_list(
            "pk", flat=True
        )
    )
    if others := [pk for pk in wanted if pk not in on_source]:
        raise InvalidData(
            _("Some chosen instances are not running on v%(version)s.")
            % {"version": source.version},
            {"instances": [", ".join(map(str, others))]},
        )
    return parameters, wanted


def _next_item(batch_id: int) -> BatchItem | None:
    """The next pending item, locked (another worker on the same batch takes the one after)."""
    return (
        BatchItem.objects.select_for_update(skip_locked=True)
        .filter(batch_id=batch_id, status=ItemStatus.PENDING)
        .order_by("pk")
        .first()
    )


def _work_one(batch: Batch) -> bool:
    """Do one pending item of the batch; False when none is left."""
    with transaction.atomic():
        item = _next_item(batch.pk)
        if item is None:
            return False
        try:
            with transaction.atomic():
                why = OPERATIONS[batch.operation](
                    instance_id=item.instance_id,
                    user=batch.created_by,
                    parameters=batch.parameters,
                )
        except EngineError as error:
            why = error.message
        item.status = ItemStatus.CHANGED if why is None else ItemStatus.REFUSED
        item.message = why or ""
        item.finished_at = timezone.now()
        item.save(update_fields=["status", "message", "finished_at"])
        refused = 1 if item.status == ItemStatus.REFUSED else 0
        Batch.objects.filter(pk=batch.pk).update(done=F("done") + 1, failed=F("failed") + refused)
    return True


def batch_work(*, batch_id: int, limit: int = 100) -> int:
    """Do up to `limit` pending items of the batch, each in its own transaction; the batch is
    done once none is left. Safe to run twice at once and after a crash. Returns how many."""
    batch = Batch.objects.select_related("created_by").get(pk=batch_id)
    count = 0
    # Why an instance was not changed is written for the person who asked, in the language
    # they chose on their profile, else the site's language.
    with translation.override(language_for(batch.created_by)):
        while count < limit and _work_one(batch):
            count += 1
    if not BatchItem.objects.filter(batch_id=batch_id, status=ItemStatus.PENDING).exists():
        Batch.objects.filter(pk=batch_id, status=Batch.Status.RUNNING).update(
            status=Batch.Status.DONE, finished_at=timezone.now()
        )
    return count


def running_batch_ids() -> list[int]:
    return list(
        Batch.objects.filter(status=Batch.Status.RUNNING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def batches_work(*, limit: int = 100) -> int:
    """What the sweep does: up to `limit` items of the running batches, oldest batch first."""
    count = 0
    for batch_id in running_batch_ids():
        count += batch_work(batch_id=batch_id, limit=limit - count)
        if count >= limit:
            break
    return count
