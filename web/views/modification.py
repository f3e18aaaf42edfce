"""Moving a running instance's work from its monitor page (a manager's page; the service asks
the permission module's operator right again)."""

import json

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError, InvalidData
from engine.models import ProcessInstance
from engine.runtime.modification import CANCEL, START_AFTER, START_BEFORE
from engine.services.modification import instance_modify
from web.access import manager_page
from web.templatetags.web import element_name

WHERE = {"before": START_BEFORE, "after": START_AFTER}


def instructions_of(form) -> list[dict]:
    """The instructions a filled-in form asks for (the service checks them)."""
    found: list[dict] = [
        {"type": CANCEL, "element": element} for element in form.getlist("cancel") if element
    ]
    start = form.get("start", "").strip()
    if start:
        raw = form.get("variables", "").strip()
        variables = json.loads(raw) if raw else {}
        found.append(
            {
                "type": WHERE.get(form.get("where"), START_BEFORE),
                "element": start,
                "variables": variables,
            }
        )
    return found


@manager_page
@require_POST
def instance_modify_view(request, pk: int):
    instance = get_object_or_404(ProcessInstance.objects.select_related("definition"), pk=pk)
    try:
        instructions = instructions_of(request.POST)
    except ValueError as error:
        messages.error(
            request, _("The variables are not an object in JSON: %(error)s") % {"error": error}
        )
        return redirect("web:instance", pk=pk)
    if not instructions:
        messages.error(request, _("Choose the work to cancel, the step to start, or both."))
        return redirect("web:instance", pk=pk)
    try:
        moved = instance_modify(
            instance_id=instance.pk, user=request.user, instructions=instructions
        )
    except InvalidData as error:
        messages.error(request, error.message)
    except EngineError as error:
        messages.error(request, error.message)
    else:
        names = ", ".join(element_name(moved.definition, e) for e in moved.active) or "—"
        messages.success(
            request, _("The work is moved; the case now waits at %(steps)s.") % {"steps": names}
        )
    return redirect("web:instance", pk=pk)
