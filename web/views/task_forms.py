"""User-task forms: the list, and the form editor (form-js) that checks, previews and deploys."""

import json

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import Forbidden
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.services.versions import files_check, files_deploy
from forms import expand_choices
from forms.formjs import FIELD_TYPES, FormConversionError, from_formjs, to_formjs
from web.access import can_model, process_owner_page, processes_page
from web.selectors.forms import TaskForm, task_form_for, task_forms
from web.taskform import build_fields


@processes_page
@require_GET
def form_list(request):
    return render(
        request,
        "web/forms/list.html",
        {"forms": task_forms(), "can_model": can_model(request.user)},
    )


def form_text() -> dict[str, str]:
    """The editor script's messages in the reader's language; %(name)s is filled in there."""
    return {
        "serverAnswered": _("The server answered %(status)s."),
        "wrong": _("Something went wrong: %(error)s"),
        "valid": _("The form is valid and can be deployed."),
        "invalid": _("Problems to fix before deploying: %(count)s."),
        "deployed": _("Deployed %(links)s."),
        "version": _("%(name)s version %(version)s"),
        "unchanged": _("(unchanged: identical to the latest version)"),
        "notDeployed": _("Not deployed. Problems to fix: %(count)s."),
        "cannotOpen": _("This form cannot be opened: %(error)s"),
    }


@process_owner_page
@require_GET
def form_edit(request, form_name: str):
    form = task_form_for(form_name)
    return render(
        request,
        "web/forms/edit.html",
        {
            "form": form,
            "heading": form.title,
            "processes": form.processes,
            "formjs": to_formjs(form.schema, form.ui_schema),
            # The palette offers only the fields the engine's forms take.
            "field_types": list(FIELD_TYPES),
            "text": form_text(),
            "stylesheet": "web/dist/forms.css",
            "script": "web/dist/forms.js",
        },
    )


class _Refused(Exception):
    def __init__(self, errors: list[dict], *, bad_body: bool = False) -> None:
        self.errors = errors
        # A body without a form is a bad request; a form the engine cannot read is invalid.
        self.bad_body = bad_body


def _read(request, form: TaskForm) -> tuple[dict[str, str], dict, dict, object]:
    """The edited form as the files it replaces in the bundle, its schemas and the comment."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict) or "form" not in body:
        message = _("The body needs the edited form as the field 'form'.")
        raise _Refused([{"message": message, "field": "form"}], bad_body=True)
    try:
        schema, ui = from_formjs(body["form"])
    except FormConversionError as exc:
        raise _Refused([{"message": exc.message, "field": exc.field, "file": form.name}]) from None
    files = {form.name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"}
    if ui or form.ui_schema:
        files[form.ui_name] = json.dumps(ui, indent=2, ensure_ascii=False) + "\n"
    return files, schema, ui, body.get("comment", "")


def _problems(problems: list[Problem]) -> list[dict]:
    return [problem.as_dict() for problem in problems]


@process_owner_page
@require_POST
def form_validate(request, form_name: str):
    form = task_form_for(form_name)
    try:
        files, _schema, _ui, _comment = _read(request, form)
    except _Refused as refused:
        status = 400 if refused.bad_body else 200
        return JsonResponse({"valid": False, "errors": refused.errors}, status=status)
    problems = files_check(definitions=form.processes, replace=files)
    return JsonResponse({"valid": not problems, "errors": _problems(problems)})


@process_owner_page
@require_POST
def form_preview(request, form_name: str):
    """The form as the task page shows it (record choices filled in), nothing stored."""
    form = task_form_for(form_name)
    try:
        _files, schema, ui, _comment = _read(request, form)
    except _Refused as refused:
        return JsonResponse({"errors": refused.errors}, status=400)
    fields = build_fields(expand_choices(schema), ui, {}, {})
    html = render_to_string(
        "web/forms/preview.html", {"fields": fields, "schema": schema}, request=request
    )
    return JsonResponse({"html": html})


@process_owner_page
@require_POST
def form_deploy(request, form_name: str):
    form = task_form_for(form_name)
    try:
        files, _schema, _ui, comment = _read(request, form)
    except _Refused as refused:
        return JsonResponse({"errors": refused.errors}, status=400)
    try:
        results = files_deploy(
            definitions=form.processes,
            replace=files,
            user=request.user,
            comment=comment,
            what="form",
        )
    except DeploymentInvalid as exc:
        return JsonResponse({"errors": _problems(exc.problems)}, status=400)
    except Forbidden as exc:
        return JsonResponse({"errors": [{"message": exc.message}]}, status=403)
    deployed = [
        {
            "key": definition.key,
            "name": definition.name,
            "version": definition.version,
            "created": created,
            "url": reverse("web:process-versions", args=[definition.key]),
        }
        for result in results
        for definition, created in zip(result.definitions, result.created, strict=True)
    ]
    created = any(row["created"] for row in deployed)
    return JsonResponse({"deployed": deployed}, status=201 if created else 200)
