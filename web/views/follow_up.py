"""The task page's follow-up form: when to look at the task again (the service says who may)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.exceptions import EngineError
from engine.services.follow_up import task_follow_up
from processes.process_words import process_word
from web.access import employee_page
from web.views.tasks import _visible_task


@employee_page
@require_POST
def task_follow_up_view(request, pk: int):
    task = _visible_task(request.user, pk)
    text = request.POST.get("follow_up_at", "").strip()
    moment = None
    if text and "clear" not in request.POST:
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            messages.error(request, _("Enter the follow-up date and time, like 2026-12-24 09:00."))
            return redirect("web:task", pk=task.pk)
    try:
        changed = task_follow_up(task_id=task.pk, user=request.user, follow_up_at=moment)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        if changed.follow_up_at is None:
            text = _("“%(task)s” has no follow-up date now.") % {"task": process_word(task.name)}
            messages.success(request, text)
        else:
            when = date_format(localtime(changed.follow_up_at), "DATETIME_FORMAT")
            text = _("“%(task)s” is to follow up on %(when)s.")
            messages.success(request, text % {"task": process_word(task.name), "when": when})
    return redirect("web:task", pk=task.pk)
