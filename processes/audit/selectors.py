"""Reads of the audit log: the entries of a record, of a kind, of everybody; as people read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("opened"),
}
MAX_ID = 2**63 - 1


def tracked_models() -> dict[str, type]:
    """target name (the model's name: "product", "salesorder" …) → model, of tracked models."""
    from auditlog.registry import auditlog

    return {model._meta.model_name: model for model in auditlog.get_models()}


def parse_target(text: str) -> tuple[type, str]:
    """ "product:12" → (Product, "12"); a ValidationError naming what is wrong."""
    name, sep, pk = text.partition(":")
    model = tracked_models().get(name.strip().lower())
    if model is None:
        raise ValidationError(
            _("“%(name)s” is not a kind of record the audit log keeps (for example product:12).")
            % {"name": name}
        )
    if not sep or not pk.isdigit() or int(pk) > MAX_ID:
        raise ValidationError(
            _("“%(text)s” names no record: write kind:number, for example product:12.")
            % {"text": text}
        )
    return model, pk


def entries(*, target: str = "", actor: str = "") -> QuerySet[LogEntry]:
    """Newest first; `target` ("product:12") narrows to one record, `actor` to a username."""
    rows = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if target:
        model, pk = parse_target(target)
        rows = rows.filter(content_type=ContentType.objects.get_for_model(model), object_pk=pk)
    if actor:
        rows = rows.filter(actor__username=actor)
    return rows


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    pk: int
    at: datetime
    who: str
    username: str
    action: str
    kind: str
    target: str
    record: str
    changes: list[Change]
    address: str


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def _value(value) -> str:
    if value in (None, "None", ""):
        return "—"
    if isinstance(value, dict | list):  # many-to-many: {"type", "operation", "objects"}
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


def _changes(model, raw) -> list[Change]:
    if not isinstance(raw, dict):
        return []
    rows = []
    for name, pair in raw.items():
        if isinstance(pair, dict):  # a many-to-many change
            objects = ", ".join(str(o) for o in pair.get("objects", []))
            operation = _("added") if pair.get("operation") == "add" else _("removed")
            rows.append(Change(_field_label(model, name), operation, objects))
        elif isinstance(pair, list | tuple) and len(pair) == 2:
            rows.append(Change(_field_label(model, name), _value(pair[0]), _value(pair[1])))
    return rows


def who_of(entry: LogEntry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.username
    return _("a process or the system")


def as_entry(entry: LogEntry) -> Entry:
    model = entry.content_type.model_class() if entry.content_type_id else None
    kind = str(model._meta.verbose_name) if model else entry.content_type.model
    return Entry(
        pk=entry.pk,
        at=entry.timestamp,
        who=who_of(entry),
        username=entry.actor.username if entry.actor is not None else "",
        action=str(ACTIONS.get(entry.action, entry.action)),
        kind=kind,
        target=f"{entry.content_type.model}:{entry.object_pk}",
        record=entry.object_repr,
        changes=_changes(model, entry.changes_dict),
        address=entry.remote_addr or "",
    )
