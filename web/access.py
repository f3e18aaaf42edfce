"""Which pages a person opens and which menu they see — asked of processes.access.

A visitor who is not logged in is sent to the login page; a logged-in person whose
rights do not allow a page gets 403 with the reason.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from processes.access import (
    may,
    may_administer,
    may_migrate_instances,
    may_model,
    may_modify_instances,
    may_monitor,
    may_open_monitor,
    may_read_audit,
    may_view_processes,
)
from processes.access.pages import allowed, record_page


def is_employee(user) -> bool:
    return user.is_authenticated and user.is_active


# The names the web views have used; each is the access module's answer.
can_model = may_model
can_view_processes = may_view_processes
can_monitor = may_monitor

employee_page = allowed(is_employee)
process_owner_page = allowed(can_model)
processes_page = allowed(can_view_processes)
manager_page = allowed(can_monitor)
migration_page = allowed(may_migrate_instances)
can_migrate = may_migrate_instances
can_modify = may_modify_instances

__all__ = [
    "allowed",
    "can_migrate",
    "can_modify",
    "can_model",
    "can_monitor",
    "can_view_processes",
    "employee_page",
    "home_url",
    "manager_page",
    "migration_page",
    "navigation",
    "process_owner_page",
    "processes_page",
    "record_page",
]


# The workspace pages in the top bar, by the work they serve: (name, label, address, the
# kind the page reads, the kinds whose writers it is for). Managers see every page they read.
WORK_PAGES = [
    ("customers", _lazy("Customers"), "/customers/", "customers", ("customers",)),
    ("suppliers", _lazy("Suppliers"), "/customers/?role=supplier", "customers", ("purchases",)),
    ("deals", _lazy("Deals"), "/deals/", "deals", ("deals",)),
    ("products", _lazy("Products"), "/products/", "products", ("products", "orders")),
    ("stock", _lazy("Stock"), "/stock/", "stock", ("stock", "production", "purchases")),
    ("quotations", _lazy("Quotations"), "/quotations/", "quotations", ("quotations",)),
    ("orders", _lazy("Orders"), "/orders/", "orders", ("orders",)),
    ("invoices", _lazy("Invoices"), "/invoices/", "invoices", ("invoices",)),
    ("payments", _lazy("Payments"), "/payments/", "payments", ("payments",)),
    ("purchase-orders", _lazy("Purchases"), "/purchase-orders/", "purchases", ("purchases",)),
    (
        "manufacturing-orders",
        _lazy("Production"),
        "/manufacturing-orders/",
        "production",
        ("production",),
    ),
    ("shipments", _lazy("Shipments"), "/shipments/", "shipments", ("shipments",)),
    ("reports", _lazy("Reports"), "/reports/", "reports", ("reports",)),
]


def _work_pages(user) -> list[dict]:
    manager = can_monitor(user)
    items, seen = [], set()
    for name, label, url, kind, workers in WORK_PAGES:
        if not may(user, "read", kind):
            continue
        if not (manager or any(may(user, "write", k) for k in workers)):
            continue
        path = url.split("?", 1)[0]
        if path in seen:  # one entry per page (the customers list also lists suppliers)
            continue
        seen.add(path)
        items.append({"name": name, "label": label, "url": url, "group": "work"})
    return items


def navigation(user) -> list[dict]:
    """The menu a person sees, grouped: the inbox, the pages of their work, then the
    processes' pages — only what their groups open."""
    if not is_employee(user):
        return []
    items = [{"name": "inbox", "label": _("Inbox"), "url": "/inbox/", "group": "tasks"}]
    items += _work_pages(user)
    if can_view_processes(user):
        items.append(
            {"name": "processes", "label": _("Processes"), "url": "/processes/", "group": "bpm"}
        )
    if may_open_monitor(user):
        items.append({"name": "monitor", "label": _("Monitor"), "url": "/monitor/", "group": "bpm"})
    if can_monitor(user):
        items.append(
            {"name": "dashboard", "label": _("Dashboard"), "url": "/dashboard/", "group": "bpm"}
        )
    if may_read_audit(user):
        items.append({"name": "audit", "label": _("Audit log"), "url": "/audit/", "group": "bpm"})
    if may_administer(user):
        items.append({"name": "people", "label": _("People"), "url": "/people/", "group": "bpm"})
        items.append({"name": "rights", "label": _("Rights"), "url": "/rights/", "group": "bpm"})
        items.append(
            {"name": "company", "label": _("Company"), "url": "/settings/company/", "group": "bpm"}
        )
    return items


def home_url(user) -> str:
    if can_monitor(user):
        return "/dashboard/"
    if can_model(user):
        return "/processes/"
    return "/inbox/"
