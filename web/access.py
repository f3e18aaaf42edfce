"""Which pages a person opens and which menu they see — asked of processes.access.

A visitor who is not logged in is sent to the login page; a logged-in person whose
rights do not allow a page gets 403 with the reason.
"""

from django.utils.translation import gettext as _

from processes.access import (
    may,
    may_administer,
    may_model,
    may_monitor,
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

__all__ = [
    "allowed",
    "can_model",
    "can_monitor",
    "can_view_processes",
    "employee_page",
    "home_url",
    "manager_page",
    "navigation",
    "process_owner_page",
    "processes_page",
    "record_page",
]


def navigation(user) -> list[dict]:
    """The menu a person sees: only the pages their groups open."""
    if not is_employee(user):
        return []
    items = [{"name": "inbox", "label": _("Inbox"), "url": "/inbox/"}]
    if may(user, "read", "customers"):
        items.append({"name": "customers", "label": _("Customers"), "url": "/customers/"})
    if can_view_processes(user):
        items.append({"name": "processes", "label": _("Processes"), "url": "/processes/"})
    if can_monitor(user):
        items.append({"name": "monitor", "label": _("Monitor"), "url": "/monitor/"})
        items.append({"name": "dashboard", "label": _("Dashboard"), "url": "/dashboard/"})
    if may_read_audit(user):
        items.append({"name": "audit", "label": _("Audit log"), "url": "/audit/"})
    if may_administer(user):
        items.append({"name": "rights", "label": _("Rights"), "url": "/rights/"})
    return items


def home_url(user) -> str:
    if can_monitor(user):
        return "/dashboard/"
    if can_model(user):
        return "/processes/"
    return "/inbox/"
