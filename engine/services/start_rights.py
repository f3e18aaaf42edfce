"""An administrator chooses which processes a group may start by hand and which it
monitors (the rights page, PUT /api/rights/{group}/); `permissions.may_start` and
`permissions.monitored_keys` read the choices."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from engine.exceptions import Forbidden, InvalidData
from engine.models import GroupMonitorRights, GroupStartRights, ProcessDefinition
from engine.types import User

from .starters import process_starters


def _startable_keys() -> set[str]:
    """Keys of the processes a person can start by hand (their latest version has a none
    start event)."""
    latest: dict[str, ProcessDefinition] = {}
    for definition in ProcessDefinition.objects.order_by("key", "-version"):
        latest.setdefault(definition.key, definition)
    return {key for key, d in latest.items() if process_starters(d) is not None}


Rights = TypeVar("Rights", GroupStartRights, GroupMonitorRights)


def _is_admin(by: User) -> bool:
    return bool(by.is_authenticated and (by.is_superuser or by.is_staff))


def _keys_set(
    model: type[Rights],
    *,
    group: Group,
    keys: object,
    by: User,
    field: str,
    known: set[str],
    not_a_list: str,
    unknown: str,
) -> Rights | None:
    """Store the group's chosen process keys in `model` (None: its row goes); InvalidData
    on `field` for keys that are not a list of strings or name a process not `known`."""
    if keys is None:
        for row in model.objects.filter(group=group):
            row.delete()  # one by one, so the audit log records each
        return None
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        raise InvalidData(not_a_list, errors={field: [not_a_list]})
    if missing := sorted(set(keys) - known):
        message = unknown % {"key": missing[0]}
        raise InvalidData(message, errors={field: [message]})
    chosen = sorted(set(keys))
    with transaction.atomic():
        row = model.objects.select_for_update().filter(group=group).first()
        if row is None:  # one save, so the audit log has one entry for it
            return model.objects.create(group=group, keys=chosen, changed_by=by)
        row.keys, row.changed_by = chosen, by
        row.save()
        return row


def start_rights_set(*, group: Group, keys: object, by: User) -> GroupStartRights | None:
    """From now on the members of `group` start exactly the processes `keys` names; None
    gives the choice back to the diagrams. Only an administrator (superuser or staff).
    Raises InvalidData naming an unknown process (nothing changes then)."""
    if not _is_admin(by):
        raise Forbidden(_("Only an administrator chooses which processes a group starts."))
    return _keys_set(
        GroupStartRights,
        group=group,
        keys=keys,
        by=by,
        field="start",
        known=_startable_keys() if keys is not None else set(),
        not_a_list=_("The processes a group starts are a list of process keys."),
        unknown=_("There is no process “%(key)s” that a person starts by hand."),
    )


def monitor_rights_set(*, group: Group, keys: object, by: User) -> GroupMonitorRights | None:
    """From now on the members of `group` watch every instance of exactly the processes
    `keys` names (besides their own cases); None gives back the default (managers every
    process, others none). Only an administrator. Raises InvalidData naming an unknown
    process (nothing changes then)."""
    if not _is_admin(by):
        raise Forbidden(_("Only an administrator chooses which processes a group monitors."))
    return _keys_set(
        GroupMonitorRights,
        group=group,
        keys=keys,
        by=by,
        field="monitor",
        known=set(ProcessDefinition.objects.values_list("key", flat=True)),
        not_a_list=_("The processes a group monitors are a list of process keys."),
        unknown=_("There is no process “%(key)s”."),
    )
