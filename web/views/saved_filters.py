"""Save the filter a list page shows under a name (shared with a group of mine), delete one."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError
from processes.collab.api_filters import checked_query
from processes.collab.saved_filters import filter_delete, filter_save
from web.access import employee_page, manager_page
from web.selectors.saved_filters import PAGE_FILTERS, PAGES


def _save(request, view: str) -> HttpResponseRedirect:
    shown = PAGE_FILTERS[view].from_query(request.POST)
    params = shown.as_params()
    back = f"{PAGES[view]}?{params}" if params else PAGES[view]
    try:
        saved = filter_save(
            user=request.user,
            name=request.POST.get("name", ""),
            view=view,
            query=checked_query(view, shown.as_query()),
            group=request.POST.get("group", ""),
        )
    except EngineError as exc:
        details = [" ".join(texts) for texts in (getattr(exc, "errors", None) or {}).values()]
        messages.error(request, " ".join([exc.message, *details]))
        return HttpResponseRedirect(back + "#saved-filters")
    if saved.group:
        text = _("The filter “%(name)s” is saved and shared with %(group)s.")
    else:
        text = _("The filter “%(name)s” is saved.")
    messages.success(request, text % {"name": saved.name, "group": saved.group})
    return HttpResponseRedirect(back)


@employee_page
@require_POST
def inbox_filter_save(request):
    return _save(request, "inbox")


@manager_page
@require_POST
def monitor_filter_save(request):
    return _save(request, "monitor")


@employee_page
@require_POST
def saved_filter_delete(request, pk: int):
    page = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        page = "/inbox/"
    try:
        filter_delete(user=request.user, filter_id=pk)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The filter is deleted."))
    return HttpResponseRedirect(page)
