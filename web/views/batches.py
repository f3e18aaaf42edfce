"""Batch operations from the monitor: change every instance its filters show, in the
background, and watch the progress (managers)."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError
from engine.models import Batch
from engine.selectors import batch_refused
from engine.services.batches import batch_create
from web.access import manager_page
from web.selectors.monitor import MonitorFilters, monitor_instances
from web.views.modification import instructions_of

FILTER_FIELDS = (
    "process", "version", "status", "stage", "business_key", "started_from", "started_to",
)  # fmt: skip


@manager_page
@require_POST
def batch_start(request):
    filters = MonitorFilters.from_query(request.POST)
    query = {key: value for key, value in filters.as_query().items() if value}
    operation = request.POST.get("operation", "")
    try:
        batch = batch_create(
            user=request.user,
            operation=operation,
            instances=monitor_instances(filters, request.user),
            selection={key: str(value) for key, value in query.items()},
            instructions=instructions_of(request.POST) if operation == "modify" else None,
        )
    except EngineError as error:
        messages.error(request, error.message)
        back = QueryDict(mutable=True)
        back.update({k: v for k, v in request.POST.items() if k in FILTER_FIELDS and v})
        return redirect(f"{reverse('web:monitor')}?{back.urlencode()}")
    return redirect("web:batch", pk=batch.pk)


@manager_page
@require_GET
def batch_page(request, pk: int):
    batch = get_object_or_404(Batch.objects.select_related("created_by"), pk=pk)
    template = (
        "web/monitor/_batch.html" if request.headers.get("HX-Request") else "web/monitor/batch.html"
    )
    return render(request, template, {"batch": batch, "refused": list(batch_refused(batch))})
