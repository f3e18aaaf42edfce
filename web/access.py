"""Who may open which page: any employee, process owners, managers; superusers see all.

A visitor who is not logged in is sent to the login page; a logged-in person whose
groups do not allow a page gets 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from engine.selectors import is_manager
from engine.services.definitions import can_deploy


def is_employee(user) -> bool:
    return user.is_authenticated and user.is_active


def can_model(user) -> bool:
    """Edit and deploy diagrams: the process-owners group."""
    return can_deploy(user)


def can_view_processes(user) -> bool:
    """See definitions, versions and diagrams: process owners and managers."""
    return can_deploy(user) or is_manager(user)


def can_monitor(user) -> bool:
    """Monitor instances and the dashboard: managers."""
    return is_manager(user)


def allowed(check: Callable[[object], bool]):
    """View decorator: login first, then `check(user)` or 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                login = redirect_to_login(request.get_full_path())
                if request.headers.get("HX-Request") == "true":
                    # A live-refresh request after the session ended: reload into the login
                    # page instead of swapping it into the list.
                    return HttpResponse(status=204, headers={"HX-Redirect": login["Location"]})
                return login
            if not check(request.user):
                raise PermissionDenied("Your groups do not give access to this page.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


employee_page = allowed(is_employee)
process_owner_page = allowed(can_model)
processes_page = allowed(can_view_processes)
manager_page = allowed(can_monitor)


def navigation(user) -> list[dict]:
    """The menu a person sees: only the pages their groups open."""
    if not is_employee(user):
        return []
    items = [{"name": "inbox", "label": "Inbox", "url": "/inbox/"}]
    if can_view_processes(user):
        items.append({"name": "processes", "label": "Processes", "url": "/processes/"})
    if can_monitor(user):
        items.append({"name": "monitor", "label": "Monitor", "url": "/monitor/"})
        items.append({"name": "dashboard", "label": "Dashboard", "url": "/dashboard/"})
    return items


def home_url(user) -> str:
    if can_monitor(user):
        return "/dashboard/"
    if can_model(user):
        return "/processes/"
    return "/inbox/"
