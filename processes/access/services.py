"""Writes of the permission module: an administrator sets a group's rights."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from engine.exceptions import Forbidden, InvalidData
from engine.services.start_rights import monitor_rights_set, start_rights_set
from processes.access.models import GroupRights
from processes.access.rights import KINDS, Refusal, actions_of_kind, may_administer


def _checked(rights: object) -> dict[str, list[str]]:
    if not isinstance(rights, dict):
        raise ValidationError({"rights": [_("Rights are a map of kind of record to actions.")]})
    errors = []
    clean: dict[str, list[str]] = {}
    for kind, actions in rights.items():
        if kind not in KINDS:
            errors.append(_("“%(kind)s” is not a kind of record.") % {"kind": kind})
            continue
        if not isinstance(actions, list | tuple) or not all(isinstance(a, str) for a in actions):
            errors.append(_("The actions on %(kind)s are a list.") % {"kind": KINDS[kind]})
            continue
        unknown = sorted(set(actions) - set(actions_of_kind(kind)))
        if unknown:
            errors.append(
                _("%(kind)s have no action “%(action)s”.")
                % {"kind": KINDS[kind], "action": unknown[0]}
            )
            continue
        if actions:
            clean[kind] = [a for a in actions_of_kind(kind) if a in actions]
    if errors:
        raise ValidationError({"rights": errors})
    return clean


@transaction.atomic
def group_rights_set(*, group: Group, rights: dict, by) -> GroupRights:
    """Give `group` exactly `rights` (kind → actions) from now on; only an administrator."""
    if not may_administer(by):
        raise Refusal(_("Only an administrator sets the rights of groups."))
    clean = _checked(rights)
    row = GroupRights.objects.select_for_update().filter(group=group).first()
    if row is None:  # one save, so the audit log has one entry for it
        return GroupRights.objects.create(group=group, rights=clean, changed_by=by)
    row.rights = clean
    row.changed_by = by
    row.save()
    return row


KEEP = object()  # `start` not given: the processes the group starts stay as they are


@transaction.atomic
def group_access_set(
    *, group: Group, rights: dict, start: object = KEEP, monitor: object = KEEP, by
) -> None:
    """Give `group` exactly `rights` and, unless KEEP, exactly the processes `start` names
    to start by hand (None: whom the diagrams name) and those `monitor` names to watch
    (None: the default). All or nothing: a refusal of any changes none."""
    group_rights_set(group=group, rights=rights, by=by)
    for chosen, setter in ((start, start_rights_set), (monitor, monitor_rights_set)):
        if chosen is KEEP:
            continue
        try:
            setter(group=group, keys=chosen, by=by)
        except Forbidden as exc:
            raise Refusal(exc.message) from exc
        except InvalidData as exc:
            raise ValidationError(exc.errors) from exc
