"""The task page: the form, the case's context, claim / unclaim / complete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engine.exceptions import EngineError, InvalidData
from engine.models import HumanTask, ProcessInstance
from engine.selectors import can_see_task
from engine.services.delegation import reassign_choices
from engine.services.permissions import (
    may_assign,
    may_claim,
    may_complete,
    may_delegate,
    may_follow_up,
    may_resolve,
    may_unclaim,
)
from engine.services.tasks import task_claim, task_complete, task_form, task_unclaim
from forms.choices import UnknownChoices
from processes.process_words import process_word
from web.access import employee_page
from web.selectors.cases import case_titles
from web.selectors.context import context_panels
from web.selectors.inbox import earlier_entry, next_task_after
from web.selectors.refusals import sent_back
from web.selectors.summaries import form_summary
from web.selectors.timeline import case_timeline
from web.taskform import build_fields, form_initial, input_mapping, leftover_errors, parse_form
from web.taskform.words import translated_form
from web.views.common import safe_next


def _visible_task(user, pk: int) -> HumanTask:
    task = (
        HumanTask.objects.select_related(
            "definition", "instance__definition", "assignee", "completed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404(_("No such task."))
    if not can_see_task(user, task):
        raise PermissionDenied(_("This task is neither yours nor your groups'."))
    return task


@employee_page
@require_http_methods(["GET", "POST"])
def task_detail(request, pk: int):
    task = _visible_task(request.user, pk)
    values, errors = None, {}
    if request.method == "POST":
        # Read with its record choices as references: filling in every customer and
        # product is for showing the form, and only when it is shown again.
        plain = task_form(task, with_choices=False)
        data = {}
        if plain:
            initial = _initial(task, plain)
            data = parse_form(plain["schema"], plain["ui_schema"], request.POST, initial)
        try:
            # The page's form is filled in by the person holding the task ("Claim and
            # start" first); the API's complete still claims in the same step.
            task_complete(task_id=task.pk, user=request.user, data=data, held=True)
        except InvalidData as exc:
            # The page answers 200 like any re-shown form; the API is where 400 belongs.
            values, errors = data, exc.errors
        except UnknownChoices as exc:
            messages.error(request, _("This form cannot be shown: %(reason)s") % {"reason": exc})
            return redirect("web:task", pk=task.pk)
        except EngineError as exc:
            messages.error(request, exc.message)
            return redirect("web:task", pk=task.pk)
        else:
            return _after_completion(request, task)
    form_error = ""
    try:
        form = translated_form(task_form(task))
    except UnknownChoices as exc:
        form, form_error = None, _("This form cannot be shown: %(reason)s") % {"reason": exc}
    if values is None:
        values = _initial(task, form) if form else {}
    fields = build_fields(form["schema"], form["ui_schema"], values, errors) if form else []
    variables = task.instance.variables
    came_back = sent_back(task)
    may_finish = may_complete(request.user, task)
    context = {
        "task": task,
        "instance": task.instance,
        "case_title": case_titles([task.instance])[task.instance_id],
        "form": form,
        "form_title": (form or {}).get("schema", {}).get("title", ""),
        "form_description": (form or {}).get("schema", {}).get("description", ""),
        "form_error": form_error,
        "came_back": came_back,
        "refusal": came_back.get("refusal", ""),
        "fields": fields,
        "errors": errors,
        "other_errors": leftover_errors(fields, errors) if errors else [],
        "may_complete": may_finish,
        # The form is editable only for the person holding the task; anyone else reads
        # its values (an unclaimed task offers "Claim and start").
        "editable": may_finish and task.assignee_id == request.user.pk,
        "may_claim": may_claim(request.user, task),
        "may_unclaim": may_unclaim(request.user, task),
        **_handover(request.user, task),
        "history": case_timeline(task.instance_id),
        "variables": variables,
        "panels": context_panels(variables, (form or {}).get("ui_schema")),
        "summary": form_summary(form["ui_schema"], values) if form else None,
        "completed_data": task.completed_data,
    }
    return render(request, "web/tasks/detail.html", context)


@employee_page
@require_POST
def task_summary(request, pk: int):
    """What the form's current values add up to (its UI schema's "ui:summary"), from
    the values posted; nothing is stored."""
    task = _visible_task(request.user, pk)
    form = task_form(task, with_choices=False)
    summary = None
    if form:
        values = parse_form(form["schema"], form["ui_schema"], request.POST, _initial(task, form))
        summary = form_summary(form["ui_schema"], values)
    return render(request, "web/tasks/_summary.html", {"summary": summary})


def _initial(task: HumanTask, form: dict) -> dict:
    """The form's first values: only what this step owns (web.taskform.form_initial)."""
    meta = (task.definition.elements or {}).get(task.element_id) or {}
    return form_initial(
        form["schema"],
        task.data,
        ui_schema=form.get("ui_schema"),
        own=earlier_entry(task),
        mapping=input_mapping((meta.get("properties") or {}).get("formInput", "")),
    )


def _handover(user, task: HumanTask) -> dict:
    """What the page offers of reassign, delegate, resolve (web/views/delegation.py)."""
    assignable = may_assign(user, task)
    return {
        "may_assign": assignable,
        "assign_choices": reassign_choices(task) if assignable else [],
        "may_delegate": may_delegate(user, task),
        "may_resolve": may_resolve(user, task),
        "may_follow_up": may_follow_up(user, task),
    }


def _after_completion(request, task: HumanTask):
    """Go on with the same case when its next task is mine or my groups', else the inbox."""
    following = next_task_after(request.user, task.instance_id)
    if following is not None:
        messages.success(
            request,
            _("“%(task)s” is done. Next in this case: “%(next)s”.")
            % {"task": process_word(task.name), "next": process_word(following.name)},
        )
        return redirect("web:task", pk=following.pk)
    stage = ProcessInstance.objects.filter(pk=task.instance_id).values_list("stage", flat=True)
    stage = stage.first() or ""
    if stage:
        messages.success(
            request,
            _("“%(task)s” is done; the case moved on to “%(stage)s”.")
            % {"task": process_word(task.name), "stage": process_word(stage)},
        )
    else:
        messages.success(request, _("“%(task)s” is done.") % {"task": process_word(task.name)})
    return redirect("web:inbox")


@employee_page
@require_POST
def task_claim_view(request, pk: int):
    task = _visible_task(request.user, pk)
    try:
        task_claim(task_id=task.pk, user=request.user)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("“%(task)s” is now yours.") % {"task": process_word(task.name)})
    return redirect(safe_next(request, reverse("web:task", args=[task.pk])))


@employee_page
@require_POST
def task_unclaim_view(request, pk: int):
    task = _visible_task(request.user, pk)
    try:
        task_unclaim(task_id=task.pk, user=request.user)
    except EngineError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("“%(task)s” is back in the group's inbox.") % {"task": process_word(task.name)},
        )
    return redirect(safe_next(request, reverse("web:inbox")))
