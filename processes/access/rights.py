"""Rights per group and kind of record, and the questions asked of them.

A right is an action on a kind of record: `read`, `write`, and for some kinds an extra
action (`approve` on purchases). Group names compare case-insensitively, like lanes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from engine.selectors import is_manager
from engine.services.definitions import can_deploy

READ = "read"
WRITE = "write"
APPROVE = "approve"

# kind → what a person calls it (used in refusals and on the rights page).
KINDS: dict[str, Any] = {
    "customers": _("customers and suppliers"),
    "deals": _("deals"),
    "products": _("products"),
    "prices": _("prices"),
    "stock": _("stock"),
    "quotations": _("quotations"),
    "orders": _("sales orders"),
    "invoices": _("invoices"),
    "payments": _("payments"),
    "purchases": _("purchases"),
    "production": _("manufacturing orders"),
    "boms": _("bills of materials"),
    "shipments": _("shipments"),
    "reports": _("reports"),
}
ACTIONS: dict[str, Any] = {READ: _("read"), WRITE: _("change"), APPROVE: _("approve")}

R = frozenset({READ})
RW = frozenset({READ, WRITE})

# What every employee reads: all but the money documents and the reports.
EVERYONE_READS = frozenset(KINDS) - {"invoices", "payments", "reports"}


def _reads(*extra: str) -> dict[str, frozenset[str]]:
    return dict.fromkeys(EVERYONE_READS | set(extra), R)


# The shipped rights of the demo groups: every employee reads the records their work
# touches; only sales and managers see invoices and payments, only managers the reports.
DEFAULT_RIGHTS: dict[str, dict[str, frozenset[str]]] = {
    "sales": {
        **_reads("invoices", "payments"),
        "customers": RW,
        "deals": RW,
        "quotations": RW,
        "orders": RW,
        "invoices": RW,
        "payments": RW,
    },
    "warehouse": {**_reads(), "stock": RW, "shipments": RW},
    "production": {**_reads(), "production": RW, "boms": RW},
    "procurement": {**_reads(), "purchases": RW},
    "managers": {
        **_reads(*KINDS),
        "products": RW,
        "prices": RW,
        "boms": RW,
        "purchases": frozenset({READ, APPROVE}),
    },
    "process-owners": {**_reads(), "products": RW, "prices": RW, "boms": RW},
}


# The actions a kind of record has (approve: purchases only).
EXTRA_ACTIONS = {"purchases": (APPROVE,)}


def actions_of_kind(kind: str) -> tuple[str, ...]:
    return (READ, WRITE, *EXTRA_ACTIONS.get(kind, ()))


class Refusal(PermissionDenied):
    """A right the person lacks; its text says which, for the 403 answer or page."""


def group_names(user) -> frozenset[str]:
    """The person's groups, lower-cased; read once per user object (one request)."""
    cached = getattr(user, "_access_groups", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True) if user.pk else []
        cached = frozenset(name.lower() for name in names)
        user._access_groups = cached
    return cached


def _everything(user) -> bool:
    return bool(user.is_superuser or user.is_staff)


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def group_rights(name: str, stored: dict | None) -> dict[str, frozenset[str]]:
    """A group's rights: what an administrator set (`stored`), else the shipped defaults."""
    if stored is None:
        return DEFAULT_RIGHTS.get(name.lower(), {})
    return {kind: frozenset(actions) for kind, actions in stored.items() if kind in KINDS}


def _stored_rights(user) -> dict[str, dict]:
    """Group name (lower-cased) → the rights an administrator set; read once per user object."""
    cached = getattr(user, "_access_rights", None)
    if cached is None:
        from processes.access.models import GroupRights

        rows = GroupRights.objects.filter(group__user=user).values_list("group__name", "rights")
        cached = {name.lower(): rights for name, rights in rows} if user.pk else {}
        user._access_rights = cached
    return cached


def rights_of(user) -> dict[str, frozenset[str]]:
    """kind → the actions the person's groups give."""
    stored = _stored_rights(user)
    rights: dict[str, set[str]] = {}
    for group in group_names(user):
        for kind, actions in group_rights(group, stored.get(group)).items():
            rights.setdefault(kind, set()).update(actions)
    return {kind: frozenset(actions) for kind, actions in rights.items()}


def may(user, action: str, kind: str) -> bool:
    """Whether the person may `action` (read / write / approve) records of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of record: {kind!r}")
    if not _signed_in(user):
        return False
    if _everything(user):
        return True
    return action in rights_of(user).get(kind, frozenset())


def require(user, action: str, kind: str) -> None:
    """Raise `Refusal` naming the missing right unless `may(user, action, kind)`."""
    if not may(user, action, kind):
        raise Refusal(
            _("Your groups do not allow you to %(action)s %(kind)s.")
            % {"action": ACTIONS.get(action, action), "kind": KINDS[kind]}
        )


def readable_kinds(user) -> frozenset[str]:
    return frozenset(kind for kind in KINDS if may(user, READ, kind))


def kind_label(kind: str) -> str:
    return str(KINDS[kind])


# Who deploys and who watches every instance are the engine's rules (it enforces them in
# its own services); pages and the API ask them through here.


def may_administer(user) -> bool:
    """Set the rights of groups and manage accounts: superusers and staff."""
    return _signed_in(user) and _everything(user)


def may_read_audit(user) -> bool:
    """Read the audit log (who changed what): managers and administrators."""
    return may_administer(user) or may_monitor(user)


def may_model(user) -> bool:
    """Edit, validate and deploy diagrams: the process-owners group."""
    return _signed_in(user) and can_deploy(user)


def may_monitor(user) -> bool:
    """Watch instances, incidents and the dashboard: managers."""
    return _signed_in(user) and is_manager(user)


def may_open_monitor(user) -> bool:
    """Open the monitor and the instance pages: whoever watches at least one process
    (managers every one by default; an administrator may choose per group)."""
    from engine.services.permissions import may_open_monitor as engine_answer

    return _signed_in(user) and engine_answer(user)


def may_monitor_process(user, key: str) -> bool:
    """Watch every instance of the process `key` (engine GroupMonitorRights, else the
    default: managers)."""
    from engine.services.permissions import may_monitor_process as engine_answer

    return _signed_in(user) and engine_answer(user, key)


def may_migrate_instances(user) -> bool:
    """Move running cases to another version of their process: the engine's answer
    (managers and process owners)."""
    from engine.services.permissions import may_migrate

    return _signed_in(user) and may_migrate(user)


def may_modify_instances(user) -> bool:
    """Move a running case's work by hand (cancel at a step, start before or after one):
    the engine's answer (managers and process owners)."""
    from engine.services.permissions import may_modify

    return _signed_in(user) and may_modify(user)


def may_download_backups(user) -> bool:
    """See the backups and download one (it holds every record): managers."""
    return may_monitor(user)


def may_start_process(user, definition) -> bool:
    """Start a case of this process by hand: whom its diagram names as starters."""
    from engine.services.permissions import may_start

    return _signed_in(user) and may_start(user, definition)


def may_view_processes(user) -> bool:
    """See definitions, versions and diagrams: process owners and managers."""
    return may_model(user) or may_monitor(user)
