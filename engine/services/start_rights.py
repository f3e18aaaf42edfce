"""An administrator chooses which processes a group may start by hand and which it
monitors (the rights page, PUT /api/rights/{group}/); `permissions.may_start` and
`permissions.monitored_keys` read the choices."""

from __future__ import annotations

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


def start_rights_set(*, group: Group, keys: object, by: User) -> GroupStartRights | None:
    """From now on the members of `group` start exactly the processes `keys` names; None
    gives the choice back to the diagrams. Only an administrator (superuser or staff).
    Raises InvalidData naming an unknown process (nothing changes then)."""
    if not (by.is_authenticated and (by.is_superuser or by.is_staff)):
        raise Forbidden(_("Only an administrator chooses which processes a group starts."))
    if keys is None:
        for row in GroupStartRights.objects.filter(group=group):
            row.delete()  # one by one, so the audit log records each
        return None
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        message = _("The processes a group starts are a list of process keys.")
        raise InvalidData(message, errors={"start": [message]})
    startable = _startable_keys()
    unknown = sorted(set(keys) - startable)
    if unknown:
        message = _("There is no process “%(key)s” that a person starts by hand.") % {
            "key": unknown[0]
        }
        raise InvalidData(message, errors={"start": [message]})
    chosen = sorted(set(keys))
    with transaction.atomic():
        row = GroupStartRights.objects.select_for_update().filter(group=group).first()
        if row is None:  # one save, so the audit log has one entry for it
            return GroupStartRights.objects.create(group=group, keys=chosen, changed_by=by)
        row.keys, row.changed_by = chosen, by
        row.save()
        return row


def monitor_rights_set(*, group: Group, keys: object, by: User) -> GroupMonitorRights | None:
    """From now on the members of `group` watch every instance of exactly the processes
    `keys` names (besides their own cases); None gives back the default (managers every
    process, others none). Only an administrator. Raises InvalidData naming an unknown
    process (nothing changes then)."""
    if not (by.is_authenticated and (by.is_superuser or by.is_staff)):
        raise Forbidden(_("Only an administrator chooses which processes a group monitors."))
    if keys is None:
        for row in GroupMonitorRights.objects.filter(group=group):
            row.delete()  # one by one, so the audit log records each
        return None
    if not isinstance(keys, list | tuple) or not all(isinstance(k, str) for k in keys):
        message = _("The processes a group monitors are a list of process keys.")
        raise InvalidData(message, errors={"monitor": [message]})
    known = set(ProcessDefinition.objects.values_list("key", flat=True))
    unknown = sorted(set(keys) - known)
    if unknown:
        message = _("There is no process “%(key)s”.") % {"key": unknown[0]}
        raise InvalidData(message, errors={"monitor": [message]})
    chosen = sorted(set(keys))
    with transaction.atomic():
        row = GroupMonitorRights.objects.select_for_update().filter(group=group).first()
        if row is None:  # one save, so the audit log has one entry for it
            return GroupMonitorRights.objects.create(group=group, keys=chosen, changed_by=by)
        row.keys, row.changed_by = chosen, by
        row.save()
        return row
