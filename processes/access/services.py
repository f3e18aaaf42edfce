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
from processes.access.visibility import OWN_KINDS


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


def _checked_own(own: object) -> list[str]:
    if not isinstance(own, list | tuple) or not all(isinstance(k, str) for k in own):
        raise ValidationError({"own": [_("“own” is a list of kinds of record.")]})
    unknown = sorted(set(own) - set(OWN_KINDS))
    if unknown:
        message = _("“%(kind)s” cannot be limited to one's own records (only %(kinds)s).") % {
            "kind": unknown[0],
            "kinds": ", ".join(OWN_KINDS),
        }
        raise ValidationError({"own": [message]})
    return [kind for kind in OWN_KINDS if kind in own]


KEEP = object()  # not given: that part of the group's access stays as it is


@transaction.atomic
def group_rights_set(*, group: Group, rights: dict, own: object = KEEP, by) -> GroupRights:
    """Give `group` exactly `rights` (kind → actions) from now on and, unless KEEP, make
    its members see only their own records of the kinds `own` names (customers, deals);
    only an administrator."""
    if not may_administer(by):
        raise Refusal(_("Only an administrator sets the rights of groups."))
    clean = _checked(rights)
    clean_own = None if own is KEEP else _checked_own(own)
    row = GroupRights.objects.select_for_update().filter(group=group).first()
    if row is None:  # one save, so the audit log has one entry for it
        return GroupRights.objects.create(
            group=group, rights=clean, own=clean_own or [], changed_by=by
        )
    row.rights = clean
    if clean_own is not None:
        row.own = clean_own
    row.changed_by = by
    row.save()
    return row


@transaction.atomic
def group_access_set(
    *,
    group: Group,
    rights: dict,
    own: object = KEEP,
    start: object = KEEP,
    monitor: object = KEEP,
    by,
) -> None:
    """Give `group` exactly `rights` and, unless KEEP, the own-only kinds `own`, exactly
    the processes `start` names to start by hand (None: whom the diagrams name) and those
    `monitor` names to watch (None: the default). All or nothing: a refusal of any changes
    none."""
    group_rights_set(group=group, rights=rights, own=own, by=by)
    for chosen, setter in ((start, start_rights_set), (monitor, monitor_rights_set)):
        if chosen is KEEP:
            continue
        try:
            setter(group=group, keys=chosen, by=by)
        except Forbidden as exc:
            raise Refusal(exc.message) from exc
        except InvalidData as exc:
            raise ValidationError(exc.errors) from exc
