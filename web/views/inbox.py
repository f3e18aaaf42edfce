"""The inbox: my tasks and my groups' unclaimed tasks, filtered, sorted, live."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from web.access import employee_page
from web.selectors.cases import case_titles
from web.selectors.inbox import (
    DUE,
    FOLLOW_UP,
    PRIORITY,
    SORTS,
    VIEWS,
    InboxFilters,
    inbox_counts,
    inbox_processes,
    inbox_tasks,
)
from web.selectors.saved_filters import saved_filter_context
from web.selectors.start import start_choices
from web.views.common import is_htmx

PAGE_SIZE = 50
REFRESH_SECONDS = 15


@employee_page
@require_GET
def inbox(request):
    filters = InboxFilters.from_query(request.GET)
    page = Paginator(inbox_tasks(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "filters": filters,
        "page": page,
        "counts": inbox_counts(request.user),
        "views": VIEWS,
        "due_choices": DUE,
        "priority_choices": PRIORITY,
        "follow_up_choices": FOLLOW_UP,
        "sort_choices": SORTS,
        "processes": inbox_processes(request.user),
        "startable": [] if is_htmx(request) else start_choices(request.user),
        "titles": case_titles([task.instance for task in page.object_list]),
        "refresh_seconds": REFRESH_SECONDS,
        "filtered": filters.any,
    }
    # htmx polling asks for the list alone; the page shell stays as it is.
    if is_htmx(request):
        return render(request, "web/inbox/_list.html", context)
    context.update(saved_filter_context(request.user, "inbox", filters))
    return render(request, "web/inbox/index.html", context)
