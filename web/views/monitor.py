"""The monitor: instances with filters, one instance, and what a manager may do to it.

It opens for whoever monitors a process (processes.access.may_open_monitor) and shows the
instances she sees (engine.selectors.visible_instances); any other instance is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import EngineError
from engine.models import Incident, ProcessInstance
from engine.selectors import movable_elements, open_incidents, visible_instances
from engine.services.instances import (
    incident_retry,
    instance_cancel,
    instance_resume,
    instance_suspend,
)
from engine.services.permissions import batch_refusal, incident_fixers
from processes.access import may_open_monitor
from web.access import allowed, can_modify, can_monitor, manager_page
from web.selectors.cases import case_titles
from web.selectors.monitor import (
    MonitorFilters,
    batch_steps,
    filter_choices,
    instance_detail,
    monitor_instances,
    open_incident_count,
)
from web.selectors.saved_filters import saved_filter_context
from web.selectors.timeline import case_timeline
from web.templatetags.web import element_name

PAGE_SIZE = 25
ACTIONS = {
    "cancel": (instance_cancel, gettext_lazy("The case %(case)s is cancelled.")),
    "suspend": (instance_suspend, gettext_lazy("The case %(case)s is suspended.")),
    "resume": (instance_resume, gettext_lazy("The case %(case)s is resumed.")),
}


monitor_page = allowed(may_open_monitor)


def _seen(request, queryset=None) -> object:
    return visible_instances(request.user, queryset or ProcessInstance.objects.all())


@monitor_page
@require_GET
def monitor(request):
    filters = MonitorFilters.from_query(request.GET)
    page = Paginator(monitor_instances(filters, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    may_batch = batch_refusal(request.user) is None
    return render(
        request,
        "web/monitor/list.html",
        {
            "filters": filters,
            "page": page,
            "titles": case_titles(page.object_list),
            "choices": filter_choices(filters.process, request.user),
            "open_incidents": open_incident_count(request.user),
            "may_batch": may_batch,
            "batch_steps": batch_steps(filters) if may_batch else [],
            **saved_filter_context(request.user, "monitor", filters),
        },
    )


@monitor_page
@require_GET
def instance_page(request, pk: int):
    instance = get_object_or_404(
        _seen(
            request, ProcessInstance.objects.select_related("definition__deployment", "started_by")
        ),
        pk=pk,
    )
    detail = instance_detail(instance)
    return render(
        request,
        "web/monitor/instance.html",
        {
            "instance": instance,
            "case_title": case_titles([instance])[instance.pk],
            "definition": instance.definition,
            "xml": instance.definition.bpmn_xml,
            "history": case_timeline(instance.pk),
            "variables": instance.variables,
            "incident_fixers": incident_fixers(instance),
            "may_modify": can_modify(request.user),
            "may_steer": can_monitor(request.user),  # the actions below are managers'
            "movable_elements": movable_elements(instance.definition),
            **detail,
        },
    )


@manager_page
@require_POST
def instance_action(request, pk: int, action: str):
    pk, (service, done) = int(pk), ACTIONS[action]
    get_object_or_404(_seen(request), pk=pk)
    try:
        instance = service(instance_id=pk, user=request.user)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(done) % {"case": instance.business_key or f"#{pk}"})
    return redirect("web:instance", pk=pk)


@manager_page
@require_POST
def incident_retry_view(request, pk: int):
    incident = get_object_or_404(Incident.objects.select_related("instance__definition"), pk=pk)
    get_object_or_404(_seen(request), pk=incident.instance_id)
    try:
        result = incident_retry(incident_id=pk, user=request.user)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        definition = incident.instance.definition
        step = element_name(definition, incident.element_id)
        following = open_incidents(incident.instance_id).exclude(pk=incident.pk).last()
        if result.status != Incident.Status.RESOLVED:
            messages.error(
                request,
                _("The step “%(step)s” failed again (attempt %(attempt)s): %(error)s")
                % {"step": step, "attempt": result.attempts, "error": result.error_text},
            )
        elif following is not None:
            messages.error(
                request,
                _(
                    "The step “%(step)s” succeeded, but the case stopped again at "
                    "“%(next)s”: %(error)s"
                )
                % {
                    "step": step,
                    "next": element_name(definition, following.element_id),
                    "error": following.error_text,
                },
            )
        else:
            messages.success(
                request, _("The step “%(step)s” ran again and succeeded.") % {"step": step}
            )
    return redirect("web:instance", pk=incident.instance_id)
