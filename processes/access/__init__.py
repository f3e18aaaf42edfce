"""The one permission module: may this person do this?

Pages, the API and services all ask here instead of testing group names themselves.

- Records: `may(user, "read" | "write", kind)` and `require(...)` for a kind of business
  record (`KINDS`: customers, deals, products, prices, stock, quotations, orders,
  invoices, payments, purchases, production, boms, shipments, reports). Some kinds have
  an extra action (`purchases`: `approve`). The rights of a group are what an administrator
  set (`models.GroupRights`, `services.group_rights_set`, the rights page and
  /api/rights/), else `rights.DEFAULT_RIGHTS`; superusers and staff may do everything
  (`may_administer`).
- The API: `api.KindPermission` on a view with `record_kind` (and, for extra actions,
  `action_rights = {"approve": "approve"}` mapping a view action to a right).
- Pages: `pages.record_page(kind, action="read")` decorates a view: login first, then
  the right or 403 with the reason.
- Backups: `may_download_backups` (the dashboard's backup card and its download).
- Processes: `may_model` (edit and deploy diagrams), `may_view_processes`, `may_monitor`
  (the dashboard, backups, the audit log: managers), `may_open_monitor` and
  `may_monitor_process(user, key)` (the monitor, instance pages and /api/instances/ show
  every instance of the processes a group monitors: managers every one unless an
  administrator chose per group, engine GroupMonitorRights; `engine.selectors.
  visible_instances` filters by it),
  `may_start_process(user, definition)` (start a case by hand: the diagram's starters,
  unless an administrator chose the processes a group starts: engine GroupStartRights,
  `services.group_access_set`, the rights page and /api/rights/),
  `may_migrate_instances` (move running cases to another version: managers and owners),
  `may_modify_instances` (move a running case's work by hand: managers and owners).
- Object-level visibility (`visibility.py`): `sees_own_only(user, kind)`, `parties_for`,
  `party_related_for`, `deals_for` filter customers, contacts, interactions and deals to
  the person's own when her groups are set so (`GroupRights.own`; shipped: all).
- Tasks and instances are the engine's questions (who may claim, complete, steer); this
  module passes them on to the engine rather than answering them twice.
"""

# Read lazily: Django imports this package while it loads the apps, before models exist.
__all__ = [
    "ACTIONS",
    "KINDS",
    "Refusal",
    "kind_label",
    "may",
    "may_administer",
    "may_download_backups",
    "may_migrate_instances",
    "may_model",
    "may_modify_instances",
    "may_read_audit",
    "may_monitor",
    "may_monitor_process",
    "may_open_monitor",
    "may_start_process",
    "may_view_processes",
    "readable_kinds",
    "require",
    "deals_for",
    "documents_for",
    "parties_for",
    "party_related_for",
    "sees_own_only",
]
VISIBILITY = {"deals_for", "documents_for", "parties_for", "party_related_for", "sees_own_only"}


def __getattr__(name: str):
    if name in VISIBILITY:
        from processes.access import visibility

        return getattr(visibility, name)
    if name in __all__:
        from processes.access import rights

        return getattr(rights, name)
    raise AttributeError(name)
