"""The task page's reassign, delegate and resolve buttons (the service says who may)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError
from engine.selectors import can_see_task
from engine.services.delegation import task_hand_over
from processes.process_words import process_word
from web.access import employee_page
from web.views.tasks import _visible_task


def _act(request, pk: int, action: str, done: str):
    task = _visible_task(request.user, pk)
    try:
        changed = task_hand_over(
            action=action,
            task_id=task.pk,
            user=request.user,
            to=request.POST.get("user", ""),
            reason=request.POST.get("reason", ""),
        )
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        name = changed.assignee.username if changed.assignee_id else ""
        messages.success(request, done % {"task": process_word(task.name), "name": name})
    # Handed back, the task is no longer the delegate's to look at: the inbox then.
    if can_see_task(request.user, task):
        return redirect("web:task", pk=task.pk)
    return redirect("web:inbox")


@employee_page
@require_POST
def task_assign_view(request, pk: int):
    return _act(request, pk, "assign", _("“%(task)s” now goes to %(name)s."))


@employee_page
@require_POST
def task_delegate_view(request, pk: int):
    return _act(
        request,
        pk,
        "delegate",
        _("“%(task)s” is delegated to %(name)s; it comes back to you once resolved."),
    )


@employee_page
@require_POST
def task_resolve_view(request, pk: int):
    return _act(request, pk, "resolve", _("“%(task)s” is handed back to %(name)s."))
