"""Batch operations: cancel, suspend, resume or retry the incidents of many instances at once
(chosen by the monitor's filters or by id), done in the background.

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
from engine.types import User
from profiles.selectors import language_of

from .instances import incident_retry, instance_cancel, instance_resume, instance_suspend
from .permissions import batch_refusal

Operation = Batch.Operation
ItemStatus = BatchItem.Status


def _retry_incidents(*, instance_id: int, user: User | None) -> str | None:
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
    def run(*, instance_id: int, user: User | None) -> str | None:
        service(instance_id=instance_id, user=user)
        return None

    return run


# Each answers None when the instance is changed, else why not (or raises EngineError).
OPERATIONS: dict[str, Callable[..., str | None]] = {
    Operation.CANCEL: _steer(instance_cancel),
    Operation.SUSPEND: _steer(instance_suspend),
    Operation.RESUME: _steer(instance_resume),
    Operation.RETRY_INCIDENTS: _retry_incidents,
}


@atomic
def batch_create(
    *,
    user: User | None,
    operation: object,
    instances: QuerySet[ProcessInstance] | Iterable[int],
    selection: dict[str, Any] | None = None,
) -> Batch:
    """A batch of `operation` over the chosen instances (a queryset, or ids that must all
    exist); the sweep does the work. Raises Forbidden, or InvalidData naming the field."""
    refusal = batch_refusal(user)
    if refusal is not None or user is None:
        raise Forbidden(refusal or "")
    if operation not in OPERATIONS:
        raise InvalidData(
            _("Choose what to do with the instances."),
            {"operation": [_("One of cancel, suspend, resume and retry_incidents.")]},
        )
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
        total=len(ids),
        created_by=user if getattr(user, "pk", None) else None,
    )
    BatchItem.objects.bulk_create(
        [BatchItem(batch=batch, instance_id=pk) for pk in ids], batch_size=500
    )
    return batch


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
                    instance_id=item.instance_id, user=batch.created_by
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
    # they chose on their profile (else the product's default).
    with translation.override(language_of(batch.created_by) or None):
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
